import type { Sidecar } from './sidecar';
import { RATIO_FLOOR_MS, type RowKind } from './table';

// The cost curve: the same steps measured at several population sizes, matched by name, and how
// each step's time grows with the population, judged by its kind.

/** A 'set' row may grow by the population's factor times this between two neighbouring sizes. */
export const LINEAR_TOLERANCE = 1.25;
/** A 'count' or 'page' row may take this many times longer at the largest size than at the smallest. */
export const FLAT_LIMIT = 2;
/** Below this at the larger size, fixed per-call costs dominate and a factor says nothing (as for app/raw). */
export const FLOOR_MS = RATIO_FLOOR_MS;

/**
 * The step's name with every figure that can change with the population replaced by '#': whole
 * numbers from 100 up ("Executing a 900,000-member batch") and any file size ("that 42 MB CSV").
 * Smaller ones (1, 5, 20 users; 6 months) and decimals (a price range) name the step and stay.
 */
export function stepKey(step: string): string {
  return step
    .replace(/[\d,.]+(?=\s?[KMGT]i?B\b)/g, '#')
    .replace(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g, (m) =>
      m.includes('.') || Number(m.replace(/,/g, '')) < 100 ? m : '#',
    );
}

/** One size's figures for a step; null in `cells` when the run has no row for it. */
export type CurveCell = { ms: number | null; peakRssMb: number | null; status: string; result: string };
export type Verdict = 'within' | 'grows' | 'not judged';
export type Growth = { verdict: Verdict; text: string };
/** kind null: the step failed or was not available at every size, so nothing says what it is. */
export type CurveRow = { key: string; label: string; kind: RowKind | null; cells: (CurveCell | null)[]; growth: Growth };
export type Curve = { runs: Sidecar[]; rows: CurveRow[] };

type Point = { members: number; ms: number };

const factor = (x: number) => `×${x < 10 ? x.toFixed(2) : x.toFixed(1)}`;

/** How a step's time grows across sizes (points sorted by members, failed runs left out). */
export function judgeGrowth(kind: RowKind, points: Point[]): Growth {
  if (kind === 'info') return { verdict: 'not judged', text: 'not judged (information)' };
  if (points.length < 2) return { verdict: 'not judged', text: 'not judged (timed at one size only)' };
  if (kind === 'set') {
    const pairs = points.slice(1).map((p, i) => {
      const prev = points[i] as Point;
      const members = p.members / prev.members;
      const time = p.ms / prev.ms;
      return { members, time, ok: p.ms < FLOOR_MS || time <= members * LINEAR_TOLERANCE };
    });
    const text = pairs.map((p) => `${factor(p.time)} for ${factor(p.members)} members`).join('; ');
    return pairs.every((p) => p.ok)
      ? { verdict: 'within', text: `✅ at most linear: ${text}` }
      : { verdict: 'grows', text: `❌ faster than linear: ${text}` };
  }
  const first = points[0] as Point;
  const last = points.at(-1) as Point;
  const time = last.ms / first.ms;
  const span = `${factor(time)} from ${sizeLabel(first.members)} to ${sizeLabel(last.members)} members`;
  return last.ms < FLOOR_MS || time <= FLAT_LIMIT
    ? { verdict: 'within', text: `✅ flat: ${span}` }
    : { verdict: 'grows', text: `❌ not flat: ${span}` };
}

/** 20,000 → "20k", 5,000,000 → "5M", 1,500,000 → "1.5M". */
export function sizeLabel(members: number): string {
  const short = (v: number) => String(Number(v.toFixed(v < 10 ? 2 : 1)));
  if (members >= 1_000_000) return `${short(members / 1_000_000)}M`;
  if (members >= 1_000) return `${short(members / 1_000)}k`;
  return String(members);
}

/** A run's rows by key; a key that repeats within one run gets " (2)", " (3)"… in order. */
function keyed(run: Sidecar) {
  const byKey = new Map<string, Sidecar['rows'][number]>();
  for (const row of run.rows) {
    const base = stepKey(row.step);
    let key = base;
    for (let n = 2; byKey.has(key); n++) key = `${base} (${n})`;
    byKey.set(key, row);
  }
  return byKey;
}

const TIMED = (status: string) => status !== 'failed' && status !== 'not available yet';

/** Puts runs of different sizes side by side, smallest first, a row per step in the largest run's order. */
export function buildCurve(runs: Sidecar[]): Curve {
  if (!runs.length) throw new Error('the cost curve needs at least one run');
  const sorted = [...runs].sort((a, b) => a.members - b.members);
  for (const [i, run] of sorted.entries())
    if (i > 0 && run.members === sorted[i - 1]?.members)
      throw new Error(`two runs of ${run.members.toLocaleString('en')} members: give one run per size`);
  const tables = sorted.map(keyed);
  const keys = [...new Set([...tables].reverse().flatMap((t) => [...t.keys()]))];
  const rows = keys.map((key): CurveRow => {
    const found = tables.map((t) => t.get(key) ?? null);
    const present = found.filter((r) => r !== null);
    const names = new Set(present.map((r) => r.step));
    const kind = [...present].reverse().find((r) => r.kind !== 'info')?.kind ?? 'info';
    const ranAnywhere = present.some((r) => TIMED(r.status));
    const points = found.flatMap((r, i) =>
      r && r.ms != null && TIMED(r.status) ? [{ members: sorted[i]?.members as number, ms: r.ms }] : [],
    );
    return {
      key,
      label: names.size === 1 ? (present[0]?.step ?? key) : key,
      kind: ranAnywhere ? kind : null,
      cells: found.map((r) => (r ? { ms: r.ms, peakRssMb: r.peakRssMb, status: r.status, result: r.result } : null)),
      growth: ranAnywhere
        ? judgeGrowth(kind, points)
        : { verdict: 'not judged', text: 'not judged (failed or not available at every size)' },
    };
  });
  return { runs: sorted, rows };
}
