import 'server-only';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { cutoffs, DAY_MS, type PolicyValues } from '@/lib/domain/dormancy';
import { type Actor, audit, SYSTEM_ACTOR } from './audit';
import { namedParams } from './named-params';
import * as schema from './schema';
import { STATUS_IDX_TERM } from './schema/members';

// Reclassification of every member (DOMAIN.md "Dormant on day D under P") in set-based SQL, plus
// the day's pre-aggregated counts. Why it runs in id-range chunks, each one IMMEDIATE transaction,
// and why that loses no update: docs/decisions/010-dormancy-scan-in-chunks.md.

export type ScanResult = {
  scanned: number;
  dormant: number;
  reactivated: number;
  ms: number;
  jobId?: number;
  newlyDormant?: number;
  policyVersionId?: number;
};
export type ScanOptions = {
  asOf: number;
  policyVersionId?: number;
  startedBy?: string;
  onProgress?: (done: number, total: number) => void;
  /** Members (by id) per transaction; smaller = shorter write locks, more commits. */
  chunkSize?: number;
};

export const SCAN_JOB_KIND = 'dormancy_scan';
/** A 'running' scan whose heartbeat is older than this died with its process: it no longer blocks. */
export const STALE_JOB_MS = 5 * 60_000;
const DEFAULT_CHUNK = 500_000;

export class ScanAlreadyRunningError extends Error {
  constructor(readonly job: { id: number; startedAt: number; startedBy: string; progress: number; total: number | null }) {
    super(
      `A dormancy scan is already running (job ${job.id}, started by ${job.startedBy} at ${new Date(job.startedAt).toISOString()}). Wait for it to finish.`,
    );
  }
}

type PolicyRow = PolicyValues & { id: number };

export function policyRow(sqlite: Database.Database, id?: number): PolicyRow {
  const row = (
    id == null
      ? sqlite.prepare(`${POLICY_SQL} ORDER BY id DESC LIMIT 1`).get()
      : sqlite.prepare(`${POLICY_SQL} WHERE id = ?`).get(id)
  ) as PolicyRow | undefined;
  if (!row)
    throw new Error(id == null ? 'No policy version exists: seed the database first.' : `Policy version ${id} does not exist.`);
  return row;
}
const POLICY_SQL = `SELECT id, never_watched_days AS neverWatchedDays, inactive_days AS inactiveDays,
  response_days AS responseDays, retention_days AS retentionDays FROM policy_versions`;

// --- The SQL of the rule, shared by the app's chunked scan and rawScanSql -----------------------

/** 1 when the member is dormant under the cutoffs (see lib/domain/dormancy.ts `cutoffs`). */
const RULE = `(CASE WHEN last_viewed_at IS NULL THEN joined_at < @joinedBefore ELSE last_viewed_at < @viewedBefore END)`;
const REASON = `(CASE WHEN last_viewed_at IS NULL THEN 'never_watched' ELSE 'inactive' END)`;
// 00:00 UTC of the join/last-view day (floor, also before 1970) + the threshold in days.
const SINCE = `(coalesce(last_viewed_at, joined_at) - ((coalesce(last_viewed_at, joined_at) % ${DAY_MS}) + ${DAY_MS}) % ${DAY_MS}
  + (CASE WHEN last_viewed_at IS NULL THEN @neverDays ELSE @inactiveDays END) * ${DAY_MS})`;
const CLEARED = `status = 'active', dormant_reason = NULL, dormant_since = NULL, status_changed_at = @asOf`;

/** 'dormant' or 'active' by the rule. */
const NEW_STATUS = `(CASE WHEN ${RULE} THEN 'dormant' ELSE 'active' END)`;

/** The statements of one chunk. `+status` keeps the planner on the sequential rowid range for the big pass. */
const CHUNK_SQL = {
  // active <-> dormant, and a dormant member whose reason or date moved (an old view arrived, or a
  // policy change), in ONE pass over the range. Rows already right are not written. RETURNING gives
  // the new values of changed rows: status_changed_at = asOf marks a change of status.
  reclassify: `UPDATE members SET
      status = ${NEW_STATUS},
      dormant_reason = CASE WHEN ${RULE} THEN ${REASON} END,
      dormant_since = CASE WHEN ${RULE} THEN ${SINCE} END,
      status_changed_at = CASE WHEN status = ${NEW_STATUS} THEN status_changed_at ELSE @asOf END
    WHERE +status IN ('active', 'dormant') AND id BETWEEN @lo AND @hi
      AND CASE WHEN ${RULE} THEN status <> 'dormant' OR dormant_reason IS NOT ${REASON} OR dormant_since IS NOT ${SINCE}
               ELSE status <> 'active' END
    RETURNING status, status_changed_at = @asOf AS moved`,
  // notified/proposed -> active only if they viewed after becoming dormant (normally recordViews did
  // this at once); a policy change alone never pulls a member out of a campaign or a batch.
  wakeContacted: `UPDATE members SET ${CLEARED}
    WHERE ${STATUS_IDX_TERM} AND status IN ('notified', 'proposed') AND id BETWEEN @lo AND @hi AND last_viewed_at IS NOT NULL
      AND (dormant_reason = 'never_watched' OR last_viewed_at >= coalesce(dormant_since, status_changed_at))
      AND NOT ${RULE}`,
};

// Dormant members for the charts: not cancelled and dormant, including those already in a
// campaign (notified) or a proposed batch: they are still dormant until they view or are cancelled.
const DAILY_SQL = {
  clear: `DELETE FROM dormancy_daily WHERE day = @day`,
  // One range of the small partial members_status_idx per status (dormant members are under 1%:
  // their rows are read in id order); the outer GROUP BY merges a few hundred rows.
  fill: `INSERT INTO dormancy_daily (day, country, plan, reason, count, monthly_minor, currency)
    SELECT @day, country, plan, reason, sum(n), sum(m), currency FROM (
      ${['dormant', 'notified', 'proposed']
        .map(
          (
            st,
          ) => `SELECT country, plan, coalesce(dormant_reason, 'inactive') AS reason, currency, count(*) AS n, sum(price_minor) AS m
          FROM members WHERE ${STATUS_IDX_TERM} AND status = '${st}' GROUP BY country, plan, dormant_reason, currency`,
        )
        .join(' UNION ALL ')})
    GROUP BY country, plan, reason, currency`,
  total: `SELECT coalesce(sum(count), 0) AS n FROM dormancy_daily WHERE day = @day`,
};

type Params = Record<string, number | string>;
function ruleParams(policy: PolicyValues, asOf: number): Params {
  const c = cutoffs(policy, asOf);
  return {
    joinedBefore: c.joinedBefore,
    viewedBefore: c.viewedBefore,
    neverDays: policy.neverWatchedDays,
    inactiveDays: policy.inactiveDays,
    asOf,
    day: new Date(asOf).toISOString().slice(0, 10),
  };
}

/**
 * The bare SQL doing the same work as the app's scan (one transaction, no chunks, no job row, no
 * audit), with the values inlined, for the benchmark's app/raw ratio: `sqlite.exec(rawScanSql(...))`.
 */
export function rawScanSql(policy: PolicyValues, asOf: number): string {
  const p: Params = { ...ruleParams(policy, asOf), lo: -9e15, hi: 9e15 };
  const inline = (sql: string) =>
    sql.replace(/@(\w+)/g, (_, k: string) => (typeof p[k] === 'string' ? `'${p[k]}'` : String(p[k] as number)));
  return [
    'BEGIN IMMEDIATE',
    ...Object.values(CHUNK_SQL).map((sql) => inline(sql).replace(/\s+RETURNING[\s\S]*$/, '')),
    inline(DAILY_SQL.clear),
    inline(DAILY_SQL.fill),
    'COMMIT',
  ].join(';\n');
}

// --- Jobs -------------------------------------------------------------------------------------

type JobRow = {
  id: number;
  startedAt: number;
  startedBy: string;
  progress: number;
  total: number | null;
  heartbeatAt: number | null;
};

/** Claims the scan slot: refuses while another live scan runs; retires a dead one. */
function claimJob(sqlite: Database.Database, startedBy: string, total: number, at: number): number {
  return sqlite
    .transaction(() => {
      const running = sqlite
        .prepare(
          `SELECT id, started_at AS startedAt, started_by AS startedBy, progress, total, heartbeat_at AS heartbeatAt
           FROM jobs WHERE kind = ? AND status = 'running' ORDER BY id`,
        )
        .all(SCAN_JOB_KIND) as JobRow[];
      for (const j of running) {
        if (at - (j.heartbeatAt ?? j.startedAt) < STALE_JOB_MS) throw new ScanAlreadyRunningError(j);
        sqlite
          .prepare(`UPDATE jobs SET status = 'failed', finished_at = ?, message = ? WHERE id = ? AND status = 'running'`)
          .run(at, 'Abandoned: no heartbeat for 5 minutes (the process running it stopped).', j.id);
      }
      return Number(
        sqlite
          .prepare(
            `INSERT INTO jobs (kind, status, started_at, heartbeat_at, progress, total, started_by) VALUES (?, 'running', ?, ?, 0, ?, ?)`,
          )
          .run(SCAN_JOB_KIND, at, at, total, startedBy).lastInsertRowid,
      );
    })
    .immediate();
}

// --- The scan ---------------------------------------------------------------------------------

/**
 * The scan as a sequence of committed steps (one per id-range chunk, then the daily counts);
 * `scanDormancy` runs them back to back, `scanDormancyAsync` yields to the event loop between them.
 */
function* scanSteps(sqlite: Database.Database, opts: ScanOptions, actor: Actor): Generator<void, ScanResult> {
  const t0 = performance.now();
  const policy = policyRow(sqlite, opts.policyVersionId);
  // Two subqueries: SQLite reads min() and max() from the ends of the rowid b-tree only when each stands alone.
  const { lo: minId, hi: maxId } = sqlite
    .prepare('SELECT coalesce((SELECT min(id) FROM members), 1) AS lo, coalesce((SELECT max(id) FROM members), 0) AS hi')
    .get() as {
    lo: number;
    hi: number;
  };
  const total = Math.max(0, maxId - minId + 1);
  const wallClock = Date.now();
  const jobId = claimJob(sqlite, actor.label, total, wallClock);
  const params = ruleParams(policy, opts.asOf);
  const stmts = Object.fromEntries(Object.entries(CHUNK_SQL).map(([k, sql]) => [k, sqlite.prepare(sql)])) as Record<
    keyof typeof CHUNK_SQL,
    Database.Statement
  >;
  const progress = sqlite.prepare(`UPDATE jobs SET progress = ?, heartbeat_at = ? WHERE id = ?`);
  const chunk = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK);
  let reactivated = 0;
  let newlyDormant = 0;
  try {
    for (let lo = minId; lo <= maxId; lo += chunk) {
      const hi = Math.min(maxId, lo + chunk - 1);
      sqlite
        .transaction(() => {
          const p = { ...params, lo, hi };
          for (const r of stmts.reclassify.all(namedParams(p, stmts.reclassify)) as { status: string; moved: number }[]) {
            if (r.status === 'active') reactivated++;
            else if (r.moved) newlyDormant++;
          }
          reactivated += stmts.wakeContacted.run(namedParams(p, stmts.wakeContacted)).changes;
          progress.run(hi - minId + 1, Date.now(), jobId);
        })
        .immediate();
      opts.onProgress?.(hi - minId + 1, total);
      yield;
    }
    const db = drizzle(sqlite, { schema });
    const result = sqlite
      .transaction(() => {
        const day = { day: params.day };
        sqlite.prepare(DAILY_SQL.clear).run(day);
        sqlite.prepare(DAILY_SQL.fill).run(day);
        const dormant = (sqlite.prepare(DAILY_SQL.total).get(day) as { n: number }).n;
        // All members less the cancelled: an index-only count plus the small partial status range,
        // where counting `status <> 'cancelled'` directly would read every row.
        const scanned = (
          sqlite
            .prepare(
              `SELECT (SELECT count(*) FROM members) - (SELECT count(*) FROM members WHERE ${STATUS_IDX_TERM} AND status = 'cancelled') AS n`,
            )
            .get() as { n: number }
        ).n;
        const r: ScanResult = {
          scanned,
          dormant,
          reactivated,
          newlyDormant,
          ms: Math.round(performance.now() - t0),
          jobId,
          policyVersionId: policy.id,
        };
        sqlite
          .prepare(`UPDATE jobs SET status = 'done', finished_at = ?, heartbeat_at = ?, progress = ?, message = ? WHERE id = ?`)
          .run(Date.now(), Date.now(), total, JSON.stringify(summary(r, params.day as string)), jobId);
        audit(db, actor, {
          action: 'dormancy.scan',
          entityType: 'job',
          entityId: jobId,
          after: summary(r, params.day as string),
          at: wallClock,
        });
        return r;
      })
      .immediate();
    return result;
  } catch (err) {
    sqlite
      .prepare(`UPDATE jobs SET status = 'failed', finished_at = ?, message = ? WHERE id = ?`)
      .run(
        Date.now(),
        `Failed: ${err instanceof Error ? err.message : 'unknown error'}. Members already reclassified stay correct; run it again.`,
        jobId,
      );
    throw err;
  }
}

const summary = (r: ScanResult, day: string) => ({
  day,
  policyVersion: r.policyVersionId,
  scanned: r.scanned,
  dormant: r.dormant,
  newlyDormant: r.newlyDormant,
  reactivated: r.reactivated,
  ms: r.ms,
});

/** better-sqlite3 refuses named parameters a statement does not use: pass only the ones it has. */

const actorFor = (startedBy?: string): Actor => (startedBy ? { id: null, label: startedBy } : SYSTEM_ACTOR);

/** Reclassifies every member as of `asOf` under the policy (default: current) and writes today's daily counts. */
export function scanDormancy(sqlite: Database.Database, opts: ScanOptions & { actor?: Actor }): ScanResult {
  const steps = scanSteps(sqlite, opts, opts.actor ?? actorFor(opts.startedBy));
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** The same scan, yielding to the event loop between chunks so the server keeps answering (progress polls, views). */
export async function scanDormancyAsync(sqlite: Database.Database, opts: ScanOptions & { actor?: Actor }): Promise<ScanResult> {
  const steps = scanSteps(sqlite, opts, opts.actor ?? actorFor(opts.startedBy));
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    await new Promise((r) => setImmediate(r));
  }
}

export type ScanJob = import('./schema/staff').JobRow;

export function recentScans(sqlite: Database.Database, limit = 10): ScanJob[] {
  return sqlite
    .prepare(
      `SELECT id, status, started_at AS startedAt, finished_at AS finishedAt, progress, total, started_by AS startedBy, message
       FROM jobs WHERE kind = ? ORDER BY id DESC LIMIT ?`,
    )
    .all(SCAN_JOB_KIND, limit) as ScanJob[];
}

/** Counts by reason from the latest day the scan wrote (cheap: reads the pre-aggregated table). */
export function latestDailyCounts(sqlite: Database.Database) {
  const rows = sqlite
    .prepare(
      `SELECT day, reason, sum(count) AS n FROM dormancy_daily WHERE day = (SELECT max(day) FROM dormancy_daily) GROUP BY day, reason`,
    )
    .all() as { day: string; reason: string; n: number }[];
  return { day: rows[0]?.day ?? null, byReason: Object.fromEntries(rows.map((r) => [r.reason, r.n])) as Record<string, number> };
}
