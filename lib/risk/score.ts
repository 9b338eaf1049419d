import type Database from 'better-sqlite3';
import { SYSTEM_ACTOR } from '@/db/audit';
import { memberIdBounds, riskScoringStatements, scoringModeFor } from '@/db/risk';
import { runUnitOfWork } from '@/db/unit-of-work';
import { runOnJobWorker } from '@/lib/runtime/job-thread';
import { backtestDue, runBacktest } from './backtest';

// The daily at-risk scoring (job `risk-score`): commits in member-id chunks, each its own unit of
// work, so views and other writes wait for one chunk at most (as the dormancy scan, decision 010).
// The daily run looks only at members whose score may have changed since the last run (marked by
// triggers, or whose recheck day has come); a full run scores every active member: the first run,
// a new model, or scoring as of an earlier instant (db/risk-scoring.sql.ts). Scores read the
// running view counts, not the events (decision 033). In the server a big population is scored on
// a worker thread (scoreRiskAsync), so requests never wait behind the scoring's CPU. The backtest
// reads every member's history, so it is re-run after the scores only when the stored one is a
// week old, was judged under another policy, or `backtest: 'now'` asks for it (lib/risk/backtest.ts).

// ~50 ms of the write lock per chunk at 5M members: a request's write waits at most that long.
const CHUNK = 20_000;
/** From this many member ids the server scores on a worker thread; below, starting one costs more than scoring. */
export const THREAD_FROM = 50_000;

export type ScoreRiskOptions = {
  /** The UTC day the daily counts are written for (YYYY-MM-DD). */
  day: string;
  /** The scoring instant: only views before it count. */
  at: number;
  progress?: (done: number, total: number) => void;
  chunkSize?: number;
  /** Score every active member, not only those whose row may have changed (otherwise db/risk-scoring.sql.ts scoringModeFor decides). */
  full?: boolean;
  /** 'due' (the default): re-run the backtest only when backtestDue says so; 'now': always; 'skip': never. */
  backtest?: 'due' | 'now' | 'skip';
};

function* steps(sqlite: Database.Database, o: ScoreRiskOptions): Generator<void, Record<string, number>> {
  const t0 = performance.now();
  const st = riskScoringStatements(sqlite);
  const { lo: minId, hi: maxId } = st.bounds();
  const total = Math.max(0, maxId - minId + 1);
  const chunk = Math.max(1, o.chunkSize ?? CHUNK);
  const mode = o.full ? 'full' : scoringModeFor(sqlite, o.at);
  const due = mode === 'due' ? st.gatherDue(o.at) : null;
  let rewritten = 0;
  for (let lo = minId; lo <= maxId; lo += chunk) {
    const hi = Math.min(maxId, lo + chunk - 1);
    rewritten += runUnitOfWork(sqlite, SYSTEM_ACTOR, o.at, () => st.scoreChunk(mode, o.at, lo, hi));
    o.progress?.(hi - minId + 1, total);
    yield;
  }
  const day = st.readDay();
  yield;
  const scores = runUnitOfWork(sqlite, SYSTEM_ACTOR, o.at, (uow) => {
    st.writeDay(o.day, o.at, day);
    const result: Record<string, number> = {
      scored: day.scored,
      looked: due ?? day.scored,
      rewritten,
      high: 0,
      medium: 0,
      low: 0,
    };
    for (const r of day.rows) result[r.band] = (result[r.band] ?? 0) + r.n;
    result.low = day.scored - (result.high ?? 0) - (result.medium ?? 0);
    result.ms = Math.round(performance.now() - t0);
    uow.audit({ action: 'risk.score', entityType: 'job', entityId: o.day, after: result });
    return result;
  });
  yield;
  const backtest = o.backtest ?? 'due';
  if (backtest === 'skip' || (backtest === 'due' && !backtestDue(sqlite, o.at)))
    return { ...scores, backtestRan: 0, ms: Math.round(performance.now() - t0) };
  const bt = runBacktest(sqlite, o.at);
  return {
    ...scores,
    backtestRan: 1,
    backtestMembers: bt.total.members,
    backtestAuc: bt.auc ?? Number.NaN,
    ms: Math.round(performance.now() - t0),
  };
}

/** Scores every active member as of `at` and writes the day's counts per band; returns the counts. */
export function scoreRisk(sqlite: Database.Database, o: ScoreRiskOptions): Record<string, number> {
  const it = steps(sqlite, o);
  for (;;) {
    const s = it.next();
    if (s.done) return s.value;
  }
}

/**
 * The same run for the server: on a worker thread with its own connection once the population
 * reaches THREAD_FROM ids (`thread` forces either way), else here, yielding to the event loop
 * between chunks. An in-memory database, which a thread cannot open, is always scored here.
 */
export async function scoreRiskAsync(
  sqlite: Database.Database,
  o: ScoreRiskOptions & { thread?: boolean },
): Promise<Record<string, number>> {
  const { progress, thread, ...options } = o;
  const { lo, hi } = memberIdBounds(sqlite);
  if (sqlite.name !== ':memory:' && (thread ?? hi - lo + 1 >= THREAD_FROM)) {
    const r = await runOnJobWorker<Record<string, number>>(
      'lib/risk/score-job.ts',
      'runScoreRiskJob',
      { file: sqlite.name, options },
      progress,
    );
    if (r !== 'unavailable') return r;
  }
  const it = steps(sqlite, o);
  for (;;) {
    const s = it.next();
    if (s.done) return s.value;
    await new Promise((r) => setImmediate(r));
  }
}
