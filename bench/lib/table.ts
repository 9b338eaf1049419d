import os from 'node:os';

// One results table: each row a measurement, its raw-SQL twin, the app/raw ratio and its target.

export type Status = 'met' | 'missed' | 'not available yet' | 'failed' | 'info';

/**
 * How a row's time should grow with the population, judged by the cost curve (bench/curve.ts):
 * 'set' work over a set of members (at most linearly), 'count' a segment count and 'page' a request
 * or a click (both flat), 'info' not judged.
 */
export type RowKind = 'set' | 'count' | 'page' | 'info';

export type Row = {
  step: string;
  kind: RowKind;
  /** The row's time: the operation's, or the p95 of a request or count; absent where nothing was timed. */
  ms?: number;
  /** Its twin's time, measured the same way: the raw SQL, /login beside a page, the write without triggers. */
  rawMs?: number;
  /** The application's figure, already formatted (e.g. "1.84 s", "p95 12 ms"). */
  result: string;
  /** The same SQL run bare through better-sqlite3, formatted; '' where there is no raw twin. */
  raw?: string;
  ratio?: number;
  target?: string;
  status: Status;
  peakRssMb?: number | null;
  note?: string;
};

export const RATIO_TARGET = 1.5;
/** Below this, fixed per-call costs (preparing a statement, ~0.1 ms) dominate and a ratio says nothing. */
export const RATIO_FLOOR_MS = 5;

export const fmtMs = (v: number) =>
  v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`;
export const fmtMb = (v: number | null | undefined) =>
  v == null ? '' : v >= 1024 ? `${(v / 1024).toFixed(2)} GiB` : `${v.toFixed(0)} MiB`;

/** Met when the time target holds and (where there is a raw twin) app/raw ≤ 1.5. */
export function judge(valueMs: number, targetMs: number | null, ratio?: number): Status {
  if (!Number.isFinite(valueMs)) return 'failed';
  const timeOk = targetMs == null || valueMs <= targetMs;
  const ratioOk = ratio == null || ratio <= RATIO_TARGET || valueMs < RATIO_FLOOR_MS;
  return timeOk && ratioOk ? 'met' : 'missed';
}

/** A row's kind and time for the cost curve, spread into the row where the step builds it. */
export const measured = (kind: RowKind, ms: number, rawMs?: number) => ({ kind, ms, rawMs });

// Rows without a figure are 'info': the cost curve takes a step's kind from a size where it ran.
export function notAvailable(step: string, what: string, target?: string): Row {
  return { step, kind: 'info', result: '—', status: 'not available yet', target, note: what };
}

export function failed(step: string, err: unknown, target?: string): Row {
  const msg = err instanceof Error ? err.message : String(err);
  return { step, kind: 'info', result: '—', status: 'failed', target, note: msg.split('\n')[0]?.slice(0, 200) };
}

export function machine() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const statusText = (s: Status) =>
  s === 'met'
    ? '✅ met'
    : s === 'missed'
      ? '❌ missed'
      : s === 'info'
        ? ''
        : s === 'failed'
          ? '⚠️ failed'
          : '⏳ not available yet';

export function renderTable(rows: Row[]): string {
  const head =
    '| Step | Result (app) | Raw SQL | app/raw | Target | Met? | Peak RSS | Notes |\n|---|---|---|---|---|---|---|---|';
  const lines = rows.map(
    (r) =>
      `| ${cell(r.step)} | ${cell(r.result)} | ${cell(r.raw)} | ${r.ratio == null ? '' : r.ratio.toFixed(2)} | ${cell(r.target)} | ${statusText(r.status)} | ${fmtMb(r.peakRssMb)} | ${cell(r.note)} |`,
  );
  return [head, ...lines].join('\n');
}
