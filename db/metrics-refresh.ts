import 'server-only';
import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { dayOf } from '@/lib/domain/metrics/days';
import { drizzleFor } from './client';
import { MARK_SQL, type Part, rebuildStatements, type Statement, sourceSignatures } from './metrics.sql';
import { metricsRefresh } from './schema';

export { HISTOGRAM_MAX_DAYS, type Part } from './metrics.sql';

// Rebuilding the overview's pre-aggregated tables. Pages read only the small metrics_* tables and
// dormancy_daily (db/metrics.ts); the rebuilds here run when the sources change
// (lib/runtime/metrics-refresh.ts ensureFresh decides when), not per request.

const HOUR = 3_600_000;
/** The member snapshot is rebuilt at least this often, and on every new UTC day or finished job. */
export const MEMBERS_MAX_AGE_MS = HOUR;
/** Campaign outcomes and cancellations: at most this stale, and rebuilt within OUTCOMES_MIN_GAP_MS of a change. */
export const OUTCOMES_MAX_AGE_MS = 15 * 60_000;
export const OUTCOMES_MIN_GAP_MS = 2 * 60_000;

export type RefreshMark = { part: Part; at: number; day: string; signature: string; tookMs: number };

function mark(sqlite: Database.Database, part: Part): RefreshMark | undefined {
  const row = drizzleFor(sqlite).select().from(metricsRefresh).where(eq(metricsRefresh.part, part)).get();
  return row ? { ...row, part } : undefined;
}

export function refreshMarks(sqlite: Database.Database): Partial<Record<Part, RefreshMark>> {
  return { members: mark(sqlite, 'members'), outcomes: mark(sqlite, 'outcomes') };
}

/**
 * One part's rebuild as plain data (its statements, then the statement that marks it done), so a
 * worker thread with its own connection can run it as well as this one.
 */
export type RefreshJob = { part: Part; statements: Statement[]; mark: { sql: string; params: Record<string, unknown> } };

export function refreshJob(sqlite: Database.Database, part: Part, at: number): RefreshJob {
  return {
    part,
    statements: rebuildStatements(part, at),
    mark: { sql: MARK_SQL, params: { part, at, day: dayOf(at), signature: sourceSignatures(sqlite)[part] } },
  };
}

/**
 * Runs one rebuild on this connection, in one transaction of its own: a named bulk job called by
 * the refresh machinery, scripts and tests, never from inside a unit of work.
 */
export function runRefreshJob(sqlite: Database.Database, j: RefreshJob) {
  const t0 = performance.now();
  sqlite
    .transaction(() => {
      for (const st of j.statements) sqlite.prepare(st.sql).run(st.params ?? {});
      sqlite.prepare(j.mark.sql).run({ ...j.mark.params, tookMs: Math.round(performance.now() - t0) });
    })
    .immediate();
}

export function refreshMemberHistogram(sqlite: Database.Database, at: number) {
  runRefreshJob(sqlite, refreshJob(sqlite, 'members', at));
}

export function refreshOutcomes(sqlite: Database.Database, at: number) {
  runRefreshJob(sqlite, refreshJob(sqlite, 'outcomes', at));
}

/** Rebuilds everything now: call after a scan, a batch execution or the seed (idempotent). */
export function refreshOverviewAggregates(sqlite: Database.Database, at: number) {
  refreshMemberHistogram(sqlite, at);
  refreshOutcomes(sqlite, at);
}

/**
 * Which parts are stale at `at`: never built, built on an earlier UTC day, their sources changed
 * (a finished scan or batch execution, a rejoin, a keep confirmation…), or older than their
 * maximum age. A change to the outcomes' sources waits OUTCOMES_MIN_GAP_MS after the last rebuild.
 */
export function staleParts(sqlite: Database.Database, at: number): Part[] {
  const sig = sourceSignatures(sqlite);
  const today = dayOf(at);
  const m = mark(sqlite, 'members');
  const o = mark(sqlite, 'outcomes');
  const stale: Part[] = [];
  if (!m || m.day !== today || m.signature !== sig.members || at - m.at > MEMBERS_MAX_AGE_MS || at < m.at) stale.push('members');
  if (
    !o ||
    o.day !== today ||
    at < o.at ||
    at - o.at > OUTCOMES_MAX_AGE_MS ||
    (o.signature !== sig.outcomes && at - o.at > OUTCOMES_MIN_GAP_MS)
  )
    stale.push('outcomes');
  return stale;
}
