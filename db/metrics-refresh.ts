import 'server-only';
import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { dayIndex, dayOf, dayStartMs } from '@/lib/domain/metrics/days';
import { drizzleFor } from './client';
import {
  APPLY_DELTAS_SQL,
  HISTOGRAM_MAX_DAYS,
  MARK_SQL,
  type Part,
  rebuildStatements,
  SHIFT_HISTOGRAM_SQL,
  type Statement,
  sourceSignatures,
} from './metrics.sql';
import { preparedOnce } from './prepared';
import { metricsRefresh } from './schema';

export { HISTOGRAM_MAX_DAYS, type Part } from './metrics.sql';

// Rebuilding the overview's pre-aggregated tables. Pages read only the small metrics_* tables and
// dormancy_daily (db/metrics.ts); the rebuilds here run when the sources change
// (lib/runtime/metrics-refresh.ts ensureFresh decides when), not per request. The member histogram
// is kept current incrementally between rebuilds (applyMemberDeltas, decision 031).

const HOUR = 3_600_000;
/**
 * The member histogram is kept current by deltas; a full rebuild is the daily consistency pass (the
 * cycle's metrics-refresh job). Without the cycle, it is rebuilt when older than this.
 */
export const MEMBERS_MAX_AGE_MS = 25 * HOUR;

/**
 * Campaign outcomes and cancellations are rebuilt whole on a worker (not incremental): at most this
 * stale, and within OUTCOMES_MIN_GAP_MS of a change to their signature, so a change shows within 60 s.
 */
export const OUTCOMES_MAX_AGE_MS = 45_000;
export const OUTCOMES_MIN_GAP_MS = 15_000;

export type RefreshMark = { part: Part; at: number; day: string; signature: string; tookMs: number; appliedAt: number | null };

// Read on every overview request (several times: freshness, cache keys, the figures' age), so one
// statement prepared once per connection rather than a query built and prepared per call.
const MARKS_SQL = `SELECT part, at, day, signature, took_ms AS tookMs, applied_at AS appliedAt FROM metrics_refresh
  WHERE part IN ('members', 'outcomes')`;

export function refreshMarks(sqlite: Database.Database): Partial<Record<Part, RefreshMark>> {
  const marks: Partial<Record<Part, RefreshMark>> = {};
  for (const r of preparedOnce(sqlite, MARKS_SQL).all() as RefreshMark[]) marks[r.part] = r;
  return marks;
}

/** Every part's source fingerprints in one string (a few index lookups): a cache key of the sources. */
export function sourcesFingerprint(sqlite: Database.Database): string {
  const s = sourceSignatures(sqlite);
  return `${s.members}|${s.outcomes}`;
}

/**
 * One part's rebuild as plain data (its statements, then the statement that marks it done), so a
 * worker thread with its own connection can run it as well as this one.
 */
export type RefreshJob = {
  part: Part;
  build: Statement[];
  statements: Statement[];
  mark: { sql: string; params: Record<string, unknown> };
};

export function refreshJob(sqlite: Database.Database, part: Part, at: number): RefreshJob {
  const { build, swap } = rebuildStatements(part, at);
  return {
    part,
    build,
    statements: swap,
    mark: { sql: MARK_SQL, params: { part, at, day: dayOf(at), signature: sourceSignatures(sqlite)[part] } },
  };
}

/**
 * Runs one rebuild on this connection: its read phase in a read transaction, then the swap and the
 * mark in one write transaction. A named bulk job called by the refresh machinery, scripts and
 * tests, never from inside a unit of work. `onBuild` (tests) runs inside the read transaction.
 */
export function runRefreshJob(sqlite: Database.Database, j: RefreshJob, onBuild?: () => void) {
  const t0 = performance.now();
  if (j.build.length)
    sqlite.transaction(() => {
      for (const st of j.build) sqlite.prepare(st.sql).run(st.params ?? {});
      onBuild?.();
    })();
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

  const { members: m, outcomes: o } = refreshMarks(sqlite);
  const stale: Part[] = [];
  // A new UTC day or a finished scan needs no rebuild of members: applyMemberDeltas shifts the days
  // and the scan's status changes arrive as deltas.
  if (!m || at - m.at > MEMBERS_MAX_AGE_MS || at < m.at || dayIndex(at) < dayIndex(dayStartMs(m.day))) stale.push('members');
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

/**
 * Brings the member histogram up to `at` without reading members: moves its days on to a new UTC
 * day and folds in the deltas the member triggers recorded (one short transaction, a few
 * milliseconds). Returns false when there was nothing to do or the part needs a rebuild instead
 * (never built, or `at` before it: staleParts says so).
 */
export function applyMemberDeltas(sqlite: Database.Database, at: number): boolean {
  // Most reads find nothing to fold: say so without taking the write lock.
  if (!foldDue(sqlite, at)) return false;
  return sqlite
    .transaction(() => {
      const due = foldDue(sqlite, at); // again under the lock: another connection may have folded
      if (!due) return false;
      const params = { cap: HISTOGRAM_MAX_DAYS, shift: due.shift, today: dayIndex(at) };
      const run = (sql: string) => {
        const st = sqlite.prepare(sql);
        const names = ['cap', 'shift', 'today'].filter((k) => sql.includes(`@${k}`));
        st.run(Object.fromEntries(names.map((k) => [k, params[k as keyof typeof params]])));
      };
      if (due.shift > 0) for (const sql of SHIFT_HISTOGRAM_SQL) run(sql);
      if (due.pending) for (const sql of APPLY_DELTAS_SQL) run(sql);
      drizzleFor(sqlite)
        .update(metricsRefresh)
        .set({ day: dayOf(at), appliedAt: at })
        .where(eq(metricsRefresh.part, 'members'))
        .run();
      return true;
    })
    .immediate();
}

const PENDING_DELTA_SQL = 'SELECT 1 FROM metrics_member_deltas LIMIT 1';

/** What a fold at `at` has to do (days to shift, deltas pending), or null when nothing or not a fold's job. */
function foldDue(sqlite: Database.Database, at: number): { shift: number; pending: boolean } | null {
  const m = refreshMarks(sqlite).members;
  if (!m || at < m.at) return null;
  const shift = dayIndex(at) - dayIndex(dayStartMs(m.day));
  const pending = preparedOnce(sqlite, PENDING_DELTA_SQL).get() !== undefined;
  return shift < 0 || (shift === 0 && !pending) ? null : { shift, pending };
}
