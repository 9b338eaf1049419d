import { type Curve, type CurveCell, FLAT_LIMIT, FLOOR_MS, LINEAR_TOLERANCE, sizeLabel } from './curve';
import { fmtMb, fmtMs } from './table';

// The cost curve as markdown: the runs it compares, then a row per step with each size's time and
// peak memory and the growth verdict.

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function timeCell(c: CurveCell | null): string {
  if (!c) return 'not run';
  if (c.status === 'failed' || c.status === 'not available yet') return c.ms == null ? c.status : `${c.status} (${fmtMs(c.ms)})`;
  // An untimed row (the database's size) shows its figure as the run wrote it.
  return c.ms == null ? cell(c.result) : fmtMs(c.ms);
}

export function renderCurve(curve: Curve, command: string): string {
  const { runs, rows } = curve;
  const sizes = runs.map((r) => sizeLabel(r.members));
  const judged = rows.filter((r) => r.growth.verdict !== 'not judged');
  const grows = judged.filter((r) => r.growth.verdict === 'grows');
  const runTable = [
    '| Size | Date | Commit | Machine | Load (1 min) start / end | Big operations on |',
    '|---|---|---|---|---|---|',
    ...runs.map((r) => {
      const m = r.machine;
      const machine = `${m.cores} cores (${m.cpu}), ${m.memoryGiB.toFixed(1)} GiB, ${m.platform}, Node ${m.node}`;
      const load = `${r.load.start.toFixed(1)} / ${r.load.end.toFixed(1)} on ${m.cores} cores`;
      return `| ${r.members.toLocaleString('en')} members${r.quick ? ' (quick)' : ''} | ${r.date} | ${r.commit} | ${cell(machine)} | ${load} | ${r.bigOperation.toLocaleString('en')} members |`;
    }),
  ];
  const head = [
    `| Step | Kind | ${sizes.map((s) => `${s}: time | ${s}: peak RSS`).join(' | ')} | Growth |`,
    `|---|---|${sizes.map(() => '---|---|').join('')}---|`,
  ];
  const lines = rows.map(
    (r) =>
      `| ${cell(r.label)} | ${r.kind ?? '—'} | ${r.cells.map((c) => `${timeCell(c)} | ${c ? fmtMb(c.peakRssMb) : ''}`).join(' | ')} | ${cell(r.growth.text)} |`,
  );
  const notes = [
    'Notes',
    `- Time: the whole operation for a 'set' row (seeding, scan, queue, batch, import, roll-up, risk scoring, backtest, cycle…); the p95 for a 'count' row (segment count) and a 'page' row (HTTP request, click → heading, requests during background work).`,
    `- Growth, judged by kind. 'set': between each pair of neighbouring sizes, time(N2) / time(N1) ≤ N2 / N1 × ${LINEAR_TOLERANCE} (at most linear, with ${Math.round((LINEAR_TOLERANCE - 1) * 100)}% tolerance for noise). 'count' and 'page': the time at the largest size ≤ ${FLAT_LIMIT}× the time at the smallest (flat). 'info': not judged. A time under ${FLOOR_MS} ms at the larger size passes (fixed per-call costs dominate there). Peak memory is shown, not judged.`,
    `- Steps are matched across sizes by name with every figure from 100 up replaced by '#' (a big operation's size and an import's file grow with the population, so their names change with it); where the names differ between sizes the table shows that form. A 'set' row is judged against the population's factor even where its set is capped (big operations stop at 900,000 members and the import-load file at 3.7M events from 5M on; see "Big operations on"), where a linear bound is loose.`,
    `- "not run": the run at that size has no row for the step (--no-http, --only, or a newer step); "failed" and "not available yet" are the run's own status, and such a time is not judged.`,
    `- Each size is a separate run: its load average says how much other work shared the machine, which inflates absolute times (compare the load columns before reading a factor).`,
  ];
  return [
    '# Rekindle benchmark: cost curve',
    '',
    `${judged.length} steps judged across ${sizes.join(', ')} members: ${judged.length - grows.length} within their bound${grows.length ? `, ${grows.length} not (${grows.map((r) => r.label).join('; ')})` : ''}. Command: \`${command}\`.`,
    '',
    ...runTable,
    '',
    ...head,
    ...lines,
    '',
    ...notes,
    '',
  ].join('\n');
}
