import 'server-only';
import type Database from 'better-sqlite3';
import { cutoffs, DAY_MS, type PolicyValues } from '@/lib/domain/dormancy';
import { namedParams } from './named-params';
import { STATUS_IDX_TERM } from './schema/members';

// The named bulk statements of the dormancy scan (db/dormancy.ts): the rule in set-based SQL,
// shared by the app's chunked scan and rawScanSql, and the day's pre-aggregated counts.

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

const SCAN_SQL = {
  // Two subqueries: SQLite reads min() and max() from the ends of the rowid b-tree only when each stands alone.
  bounds: 'SELECT coalesce((SELECT min(id) FROM members), 1) AS lo, coalesce((SELECT max(id) FROM members), 0) AS hi',
  // All members less the cancelled: an index-only count plus the small partial status range,
  // where counting `status <> 'cancelled'` directly would read every row.
  scanned: `SELECT (SELECT count(*) FROM members) - (SELECT count(*) FROM members WHERE ${STATUS_IDX_TERM} AND status = 'cancelled') AS n`,
};

export type RuleParams = Record<string, number | string> & { day: string };

export function ruleParams(policy: PolicyValues, asOf: number): RuleParams {
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

/** The scan's statements, prepared once per scan, as typed calls. */
export function scanStatements(sqlite: Database.Database) {
  const reclassify = sqlite.prepare(CHUNK_SQL.reclassify);
  const wakeContacted = sqlite.prepare(CHUNK_SQL.wakeContacted);
  return {
    bounds: () => sqlite.prepare(SCAN_SQL.bounds).get() as { lo: number; hi: number },
    /** The changed rows of the chunk: their new status, and whether it changed (moved = 1). */
    reclassify: (p: RuleParams & { lo: number; hi: number }) =>
      reclassify.all(namedParams(p, reclassify)) as { status: string; moved: number }[],
    /** How many notified or proposed members of the chunk woke up. */
    wakeContacted: (p: RuleParams & { lo: number; hi: number }) => wakeContacted.run(namedParams(p, wakeContacted)).changes,
    /** Replaces the day's dormancy_daily rows; returns the day's dormant total. */
    fillDay: (day: string) => {
      sqlite.prepare(DAILY_SQL.clear).run({ day });
      sqlite.prepare(DAILY_SQL.fill).run({ day });
      return (sqlite.prepare(DAILY_SQL.total).get({ day }) as { n: number }).n;
    },
    scanned: () => (sqlite.prepare(SCAN_SQL.scanned).get() as { n: number }).n,
  };
}

/**
 * The bare SQL doing the same work as the app's scan (one transaction, no chunks, no job row, no
 * audit), with the values inlined, for the benchmark's app/raw ratio: `sqlite.exec(rawScanSql(...))`.
 */
export function rawScanSql(policy: PolicyValues, asOf: number): string {
  const p: Record<string, number | string> = { ...ruleParams(policy, asOf), lo: -9e15, hi: 9e15 };
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
