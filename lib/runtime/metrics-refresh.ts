import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { applyMemberDeltas, type Part, refreshJob, refreshMarks, runRefreshJob, staleParts } from '@/db/metrics-refresh';
import { runtimeWorkerFile } from './worker-file';
import { writesHeld } from './write-gate';

// Keeps the overview's pre-aggregated tables fresh (db/metrics-refresh.ts holds the rebuilds).
// A request never rebuilds inline, not even the first time (at 5M members the pass over members
// takes 15–60 s): a worker thread with its own connection rebuilds while the page serves the
// previous snapshot, or — for a part never built — says it is being prepared (see `preparing`).

const WORKER = runtimeWorkerFile('metrics-refresh.worker.js');

const bg = globalThis as unknown as {
  __rekindleMetricsRefresh?: Promise<void> | null;
  __rekindleMetricsRefreshStartedAt?: number | null;
  __rekindleMetricsRefreshT0?: number;
};

/** Starts a background rebuild of `parts` unless one is already running. Returns its promise. */
export function refreshInBackground(sqlite: Database.Database, parts: Part[], at: number): Promise<void> {
  if (bg.__rekindleMetricsRefresh) return bg.__rekindleMetricsRefresh;
  // The small outcomes part first, so its charts are ready long before the pass over members ends.
  const jobs = [...parts]
    .sort((a, b) => (a === 'outcomes' ? -1 : b === 'outcomes' ? 1 : 0))
    .map((p) => refreshJob(sqlite, p, at));
  const run = new Promise<void>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER, { workerData: { file: sqlite.name, jobs } });
    } catch (err) {
      console.error('[metrics] could not start the refresh worker; refreshing inline:', (err as Error).message);
      for (const j of jobs) runRefreshJob(sqlite, j);
      resolve();
      return;
    }
    worker.once('error', (err) => console.error('[metrics] background refresh failed:', err.message));
    worker.once('exit', () => resolve());
  }).finally(() => {
    bg.__rekindleMetricsRefresh = null;
    bg.__rekindleMetricsRefreshStartedAt = null;
  });
  bg.__rekindleMetricsRefresh = run;
  bg.__rekindleMetricsRefreshStartedAt = at;
  bg.__rekindleMetricsRefreshT0 = performance.now();
  return run;
}

export type Preparing = { parts: Part[]; startedAt: number | null };

/**
 * Which parts have never been built (a page shows them as "being prepared"), and when the
 * background rebuild started. `parts` is empty once both exist, however old.
 */
export function preparing(sqlite: Database.Database): Preparing {
  const m = refreshMarks(sqlite);
  const parts = (['members', 'outcomes'] as const).filter((p) => !m[p]);
  return { parts, startedAt: parts.length ? (bg.__rekindleMetricsRefreshStartedAt ?? null) : null };
}

/**
 * Resolves when the running background rebuild ends, or `ms` after it started, whichever is first
 * (never rejects). Measured from the start, so only the first requests wait, never each one.
 */
export async function awaitRefresh(ms: number): Promise<void> {
  const running = bg.__rekindleMetricsRefresh;
  const left = (bg.__rekindleMetricsRefreshT0 ?? 0) + ms - performance.now();
  if (!running || left <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([running, new Promise<void>((r) => (timer = setTimeout(r, left)))]);
  clearTimeout(timer);
}

const current = globalThis as unknown as { __rekindleMembersCurrent?: Map<string, number> };
if (!current.__rekindleMembersCurrent) current.__rekindleMembersCurrent = new Map();

/**
 * When this process last brought the member histogram up to date (every committed write folded
 * in), or null: the age a page shows for its member figures.
 */
export function membersCurrentAt(sqlite: Database.Database): number | null {
  return current.__rekindleMembersCurrent?.get(sqlite.name) ?? null;
}

/**
 * Folds pending member deltas into the histogram (db/metrics-refresh.ts applyMemberDeltas) on every
 * call: a primary-key read and an empty-table check when nothing changed, a few milliseconds when
 * something did. Skipped while a long write holds the lock (the figures then show their true age).
 */
function bringMembersUpToDate(sqlite: Database.Database, at: number) {
  // A rebuild on the worker holds the write lock for its whole pass and folds the deltas in itself.
  if (writesHeld() || bg.__rekindleMetricsRefresh || sqlite.inTransaction) return;
  if (!refreshMarks(sqlite).members) return;
  try {
    applyMemberDeltas(sqlite, at);
    current.__rekindleMembersCurrent?.set(sqlite.name, at);
  } catch (err) {
    // Busy past the timeout: the page serves the figures as they are, with their age, and the next read folds them in.
    console.error('[metrics] could not fold in the member deltas:', (err as Error).message);
  }
}

/**
 * Brings the member histogram up to date incrementally, and rebuilds whichever part is stale
 * (db/metrics-refresh.ts staleParts) on a worker thread; `wait: true` rebuilds inline: tests,
 * scripts. Staleness is checked at most every few seconds per process.
 */
let lastCheck = { at: Number.NEGATIVE_INFINITY, file: '' };
export function ensureFresh(sqlite: Database.Database, at: number, opts: { force?: boolean; wait?: boolean } = {}) {
  bringMembersUpToDate(sqlite, at);
  if (!opts.force && lastCheck.file === sqlite.name && at - lastCheck.at < 5_000 && at >= lastCheck.at) return;
  lastCheck = { at, file: sqlite.name };
  const stale = staleParts(sqlite, at);
  if (stale.length === 0) return;
  if (opts.wait || sqlite.name === ':memory:') {
    for (const p of stale) runRefreshJob(sqlite, refreshJob(sqlite, p, at));
  } else void refreshInBackground(sqlite, stale, at);
}
