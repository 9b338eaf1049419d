import 'server-only';
import type Database from 'better-sqlite3';
import { dayIndex } from '@/lib/domain/metrics/days';
import { preparedOnce } from './prepared';

// The named bulk statements that rebuild the overview's pre-aggregated tables (metrics_*): the only
// code that scans members or campaign_members for the overview. db/metrics-refresh.ts runs them in
// one transaction, on the calling thread or on a worker thread (lib/runtime/metrics-refresh.ts).

export const HISTOGRAM_MAX_DAYS = 3660;

export type Part = 'members' | 'outcomes';
/** One statement with its named parameters: plain data, so a worker thread can run it too. */
export type Statement = { sql: string; params?: Record<string, unknown> };

/** Records when a part was rebuilt, from which sources (the signature), and how long it took. */
export const MARK_SQL = `INSERT INTO metrics_refresh (part, at, day, signature, took_ms) VALUES (@part, @at, @day, @signature, @tookMs)
  ON CONFLICT(part) DO UPDATE SET at = excluded.at, day = excluded.day, signature = excluded.signature, took_ms = excluded.took_ms,
    applied_at = NULL`;

// A rejoin counts when it restores the member cancelled in that batch within the batch policy's retention window.
const REJOIN_OF_BM = `SELECT min(r.rejoined_at) FROM rejoins r
   WHERE r.member_id = bm.member_id AND r.batch_id = bm.batch_id
     AND r.rejoined_at >= coalesce(bm.decided_at, b.executed_at)
     AND r.rejoined_at <= coalesce(bm.decided_at, b.executed_at) + coalesce(p.retention_days, 300) * 86400000`;

/** members: one grouped pass over members — the only query that reads every member (seconds at 5M rows). */
const MEMBER_HISTOGRAM_SQL = `INSERT INTO metrics_member_histogram (country, plan, currency, watched, days, in_campaign, n, price_minor)
  SELECT country, plan, currency, last_viewed_at IS NOT NULL,
         max(0, min(@cap, @today - coalesce(last_viewed_at, joined_at) / 86400000)),
         status IN ('notified', 'proposed'), count(*), sum(price_minor)
  FROM members WHERE status <> 'cancelled'
  GROUP BY 1, 2, 3, 4, 5, 6`;

const CANCELLATIONS_SQL = `INSERT INTO metrics_cancellations (cancel_day, rejoin_day, country, plan, currency, n, price_minor)
  SELECT date(cancel_at / 1000, 'unixepoch'), coalesce(date(rejoin_at / 1000, 'unixepoch'), ''),
         country, plan, currency, count(*), sum(price_minor)
  FROM (SELECT coalesce(bm.decided_at, b.executed_at) AS cancel_at, (${REJOIN_OF_BM}) AS rejoin_at,
               bm.country, bm.plan, bm.currency, bm.price_minor
        FROM batch_members bm JOIN batches b ON b.id = bm.batch_id
        LEFT JOIN policy_versions p ON p.id = b.policy_version_id
        WHERE bm.state = 'cancelled' AND coalesce(bm.decided_at, b.executed_at) IS NOT NULL)
  GROUP BY 1, 2, 3, 4, 5`;

// Members cancelled at their own request (keep page "cancel now"), by the day their paid month ended:
// apart from metrics_cancellations, since Rekindle did not cancel them (not forgone).
const OWN_CANCELLATIONS_SQL = `INSERT INTO metrics_own_cancellations (cancel_day, country, plan, currency, n, price_minor)
  SELECT date(lr.cancelled_at / 1000, 'unixepoch'), lr.country, lr.plan, lr.currency, count(*), sum(lr.price_minor)
  FROM leave_requests lr WHERE lr.cancelled_at IS NOT NULL
  GROUP BY 1, 2, 3, 4`;

const LATE_VIEWS_SQL = `INSERT INTO metrics_late_views (cancel_day, country, plan, n)
  SELECT date(coalesce(bm.decided_at, b.executed_at) / 1000, 'unixepoch'), bm.country, bm.plan, count(*)
  FROM batch_members bm JOIN batches b ON b.id = bm.batch_id
  WHERE bm.state = 'undone' AND coalesce(bm.decided_at, b.executed_at) IS NOT NULL
  GROUP BY 1, 2, 3`;

const CAMPAIGN_OUTCOMES_SQL = `INSERT INTO metrics_campaign_outcomes
    (campaign_id, variant_id, country, plan, assigned, sent, won_back, won_back_sent, cancelled, rejoined, chose_to_leave)
  SELECT cm.campaign_id, coalesce(cm.variant_id, 0), coalesce(m.country, '??'), coalesce(m.plan, '??'),
         count(*), sum(cm.status = 'sent'),
         sum(cm.outcome IN ('confirmed', 'reactivated')),
         sum(cm.status = 'sent' AND cm.outcome IN ('confirmed', 'reactivated')),
         sum(c.bm_member IS NOT NULL), sum(c.rejoin_at IS NOT NULL), sum(cm.outcome = 'chose_to_leave')
  FROM campaign_members cm
  LEFT JOIN members m ON m.id = cm.member_id
  LEFT JOIN (SELECT bm.campaign_member_id AS cm_id, bm.member_id AS bm_member, (${REJOIN_OF_BM}) AS rejoin_at
             FROM batch_members bm JOIN batches b ON b.id = bm.batch_id
             LEFT JOIN policy_versions p ON p.id = b.policy_version_id
             WHERE bm.state = 'cancelled') c ON c.cm_id = cm.id
  WHERE cm.status <> 'excluded'
    -- Last-chance campaigns only: a next-season win-back's recipients were cancelled already; its
    -- rejoins are counted apart (rejoins.next_season_campaign_id).
    AND cm.campaign_id NOT IN (SELECT id FROM campaigns WHERE json_extract(segment, '$.nextSeasonTitleId') IS NOT NULL)
  GROUP BY 1, 2, 3, 4`;

/**
 * A part's rebuild: `build` reads the sources in a read transaction (other connections keep
 * writing meanwhile, WAL), `swap` then puts the result in place in a short write transaction.
 */
export type Rebuild = { build: Statement[]; swap: Statement[] };

/** `sql` (an INSERT INTO `table` … SELECT) writing into a temp copy of the table instead. */
function rebuiltInTemp(table: string, sql: string): { build: Statement[]; swap: Statement[] } {
  const into = new RegExp(`^INSERT INTO ${table}\\s`).exec(sql);
  if (!into) throw new Error(`${table}: its rebuild must start with INSERT INTO ${table}`);
  const temp = `temp.rebuilt_${table}`;
  return {
    build: [
      { sql: `CREATE TEMP TABLE IF NOT EXISTS rebuilt_${table} AS SELECT * FROM ${table} WHERE 0` },
      { sql: `DELETE FROM ${temp}` },
      { sql: `INSERT INTO ${temp} ${sql.slice(into[0].length)}` },
    ],
    swap: [
      { sql: `DELETE FROM ${table}` },
      { sql: `INSERT INTO ${table} SELECT * FROM ${temp}` },
      { sql: `DELETE FROM ${temp}` },
    ],
  };
}

/**
 * The statements that rebuild one part. members: days are whole UTC days from the day of `at`; it
 * reads every member in its write transaction, which must also clear the pending deltas (each is in
 * the pass already), so it has no read phase. outcomes: batch_members, rejoins and campaign_members
 * are read in the read phase — at 20M members that takes many seconds, and a write transaction held
 * as long would make every write of the server wait — and the small results swapped in.
 */
export function rebuildStatements(part: Part, at: number): Rebuild {
  if (part === 'members')
    return {
      build: [],
      swap: [
        { sql: 'DELETE FROM metrics_member_histogram' },
        { sql: 'DELETE FROM metrics_member_deltas' },
        { sql: MEMBER_HISTOGRAM_SQL, params: { cap: HISTOGRAM_MAX_DAYS, today: dayIndex(at) } },
      ],
    };
  const parts = [
    rebuiltInTemp('metrics_cancellations', CANCELLATIONS_SQL),
    rebuiltInTemp('metrics_campaign_outcomes', CAMPAIGN_OUTCOMES_SQL),
    rebuiltInTemp('metrics_late_views', LATE_VIEWS_SQL),
    rebuiltInTemp('metrics_own_cancellations', OWN_CANCELLATIONS_SQL),
  ];
  return { build: parts.flatMap((p) => p.build), swap: parts.flatMap((p) => p.swap) };
}

// Incremental upkeep of the member histogram between rebuilds (db/metrics-refresh.ts applyMemberDeltas):
// set-based statements over the small histogram and the pending deltas, never over members.

/** Moves every bucket `@shift` days older (a new UTC day), merging the buckets that reach the cap. */
export const SHIFT_HISTOGRAM_SQL = [
  `CREATE TEMP TABLE IF NOT EXISTS metrics_histogram_shifted AS SELECT * FROM metrics_member_histogram WHERE 0`,
  `DELETE FROM temp.metrics_histogram_shifted`,
  `INSERT INTO temp.metrics_histogram_shifted
     SELECT country, plan, currency, watched, min(@cap, days + @shift), in_campaign, sum(n), sum(price_minor)
     FROM metrics_member_histogram GROUP BY 1, 2, 3, 4, 5, 6`,
  `DELETE FROM metrics_member_histogram`,
  `INSERT INTO metrics_member_histogram SELECT * FROM temp.metrics_histogram_shifted`,
  `DELETE FROM temp.metrics_histogram_shifted`,
];

/** Folds the pending deltas into the histogram (days counted from `@today`, as the rebuild counts them). */
export const APPLY_DELTAS_SQL = [
  `INSERT INTO metrics_member_histogram (country, plan, currency, watched, days, in_campaign, n, price_minor)
     SELECT country, plan, currency, watched, max(0, min(@cap, @today - ref_day)), in_campaign, sum(n), sum(price_minor)
     FROM metrics_member_deltas WHERE true GROUP BY 1, 2, 3, 4, 5, 6
   ON CONFLICT(country, plan, currency, watched, days, in_campaign)
     DO UPDATE SET n = n + excluded.n, price_minor = price_minor + excluded.price_minor`,
  // A rebuild has no empty bucket; neither may the incremental result. Only the buckets the deltas
  // touched can have emptied, so those are probed by key instead of reading every bucket.
  `DELETE FROM metrics_member_histogram WHERE n = 0
     AND (country, plan, currency, watched, in_campaign, days) IN
       (SELECT country, plan, currency, watched, in_campaign, max(0, min(@cap, @today - ref_day)) FROM metrics_member_deltas)`,
  `DELETE FROM metrics_member_deltas`,
];

type SourceFingerprints = {
  jobs: number | null;
  daily: string | null;
  rejoins: number | null;
  executed: number | null;
  keeps: number | null;
  leaves: number | null;
  campaigns: number | null;
  campaignCount: number;
};

const SIGNATURES_SQL = `SELECT (SELECT max(finished_at) FROM jobs WHERE status = 'done') AS jobs,
        (SELECT max(day) FROM dormancy_daily) AS daily,
        (SELECT max(id) FROM rejoins) AS rejoins,
        (SELECT max(executed_at) FROM batches) AS executed,
        (SELECT max(rowid) FROM keep_confirmations) AS keeps,
        (SELECT max(cancelled_at) FROM leave_requests) AS leaves,
        (SELECT max(updated_at) FROM campaigns) AS campaigns,
        (SELECT count(*) FROM campaigns) AS campaignCount`;

/** Cheap fingerprints of each part's sources (a handful of index/max lookups on small tables). */
export function sourceSignatures(sqlite: Database.Database): Record<Part, string> {
  const r = preparedOnce(sqlite, SIGNATURES_SQL).get() as SourceFingerprints;
  return {
    members: `${r.jobs}|${r.daily}`,
    outcomes: `${r.jobs}|${r.rejoins}|${r.executed}|${r.keeps}|${r.leaves}|${r.campaigns}|${r.campaignCount}`,
  };
}
