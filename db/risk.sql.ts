import 'server-only';
import type Database from 'better-sqlite3';
import { cutoffs, DAY_MS, type PolicyValues } from '@/lib/domain/dormancy';
import type { ScoreCounts } from '@/lib/domain/risk/auc';
import { BACKTEST_DAYS } from '@/lib/domain/risk/backtest';
import { BAND_FROM, COEFFICIENTS, DEFAULT_GAP_DAYS } from '@/lib/domain/risk/model';
import { namedParams } from './named-params';

// Named bulk statements of the at-risk score: each member's features as of @t, for the daily scores
// from the running view counts (countsFeaturesSql, decision 033), for the backtest from the views
// themselves (featuresSql: one pass over both event tables in their clustering order), and the
// score written from the same coefficients as lib/domain/risk/model.ts.

/** Per-table aggregates over every view before @t of members @lo..@hi (one range of the clustered key). */
const eventAggregate = (table: string) => `SELECT member_id, count(*) AS n, min(watched_at) AS f, max(watched_at) AS l,
    sum(watched_at >= @since90) AS v90, sum(watched_at >= @since180 AND watched_at < @since90) AS p90
  FROM ${table} WHERE member_id BETWEEN @lo AND @hi AND watched_at < @t GROUP BY member_id`;

/**
 * Keeps SQLite from flattening a subquery into its outer query (an OFFSET does): flattened, every
 * reference to a computed column (last, n, score) would compute it again, per row.
 */
export const ONCE = 'LIMIT -1 OFFSET 0';

/** The features from `raw` (member_id, joined_at, cancelled_at, n, f, last, views90, previous90). */
const FEATURE_COLUMNS = `member_id, joined_at, cancelled_at, last,
    CAST((@t - coalesce(last, joined_at)) / ${DAY_MS} AS INTEGER) AS daysSinceLastView,
    CASE WHEN n >= 2 THEN max(1, CAST(round((last - f) * 1.0 / (n - 1) / ${DAY_MS}) AS INTEGER)) END AS usualGapDays,
    views90, previous90, CAST((@t - joined_at) / ${DAY_MS} AS INTEGER) AS tenureDays`;

/**
 * Whole-day features of the members @lo..@hi matching `population` (over `members m`), as of @t.
 * Columns: member_id, joined_at, last (latest view before @t or NULL), and the RiskFeatures. Whole days
 * are CAST: better-sqlite3 binds JS numbers as REAL, so `/` would not be an integer division.
 */
export function featuresSql(population: string): string {
  return `WITH ev AS (${eventAggregate('viewing_events')}), rv AS (${eventAggregate('viewing_events_recent')}),
  raw AS (SELECT m.id AS member_id, m.joined_at, m.cancelled_at,
      coalesce(ev.n, 0) + coalesce(rv.n, 0) AS n,
      min(coalesce(ev.f, rv.f), coalesce(rv.f, ev.f)) AS f,
      max(coalesce(ev.l, rv.l), coalesce(rv.l, ev.l)) AS last,
      coalesce(ev.v90, 0) + coalesce(rv.v90, 0) AS views90,
      coalesce(ev.p90, 0) + coalesce(rv.p90, 0) AS previous90
    FROM members m LEFT JOIN ev ON ev.member_id = m.id LEFT JOIN rv ON rv.member_id = m.id
    WHERE m.id BETWEEN @lo AND @hi AND m.joined_at <= @t AND ${population} ${ONCE})
  SELECT ${FEATURE_COLUMNS} FROM raw`;
}

const c = COEFFICIENTS;
/** riskScore of lib/domain/risk/model.ts over a row of featuresSql. */
export const SCORE_SQL = `CAST(round(100.0 / (1 + exp(-(${c.intercept}
  + ${c.overdue} * ln(1 + daysSinceLastView * 1.0 / coalesce(usualGapDays, ${DEFAULT_GAP_DAYS}))
  + ${c.slowdown} * ln((previous90 + 1.0) / (views90 + 1))
  + ${c.tenure} * ln(1 + tenureDays / 365.0))))) AS INTEGER)`;
export const BAND_SQL = `CASE WHEN score >= ${BAND_FROM.high} THEN 'high' WHEN score >= ${BAND_FROM.medium} THEN 'medium' ELSE 'low' END`;

export type FeatureParams = { t: number; since90: number; since180: number };
export function featureParams(t: number): FeatureParams {
  return { t, since90: t - 90 * DAY_MS, since180: t - 180 * DAY_MS };
}

/**
 * The same columns as featuresSql from the running counts (member_view_counts, member_view_days;
 * decision 033) instead of the events. Whole days inside a window are summed from the day buckets;
 * the day a window starts or ends inside (@t is any instant) is counted from that member's events
 * of that day, as is everything of the rare member with a view at or after @t. Three more columns
 * tell the scoring run when the row may next change (db/risk-scoring.sql.ts RECHECK_SQL): the
 * oldest day with views in the last 90 days (b90) and in the 90 before (b180), and whether the
 * member has a view at or after @t (laterView).
 */
export function countsFeaturesSql(population: string): string {
  const both = (cols: string, where: string) =>
    `((SELECT ${cols} FROM viewing_events WHERE member_id = g.id AND ${where}) + (SELECT ${cols} FROM viewing_events_recent WHERE member_id = g.id AND ${where}))`;
  const between = (from: string, to: string) => both('count(*)', `watched_at >= ${from} AND watched_at < ${to}`);
  const one = (agg: 'min' | 'max', table: string) =>
    `(SELECT ${agg}(watched_at) FROM ${table} WHERE member_id = g.id AND watched_at < @t)`;
  const before = (agg: 'min' | 'max') =>
    `${agg}(coalesce(${one(agg, 'viewing_events')}, ${one(agg, 'viewing_events_recent')}), coalesce(${one(agg, 'viewing_events_recent')}, ${one(agg, 'viewing_events')}))`;
  const later = 'g.last_viewed_at >= @t';
  // One pass in member order: each member's counts row and day buckets are read by key, no sort.
  return `WITH g AS (SELECT m.id, m.joined_at, m.cancelled_at, c.member_id AS counted, c.views, c.first_viewed_at, c.last_viewed_at,
      sum(CASE WHEN b.day > @day90 AND b.day < @dayT THEN b.views ELSE 0 END) AS v90,
      sum(CASE WHEN b.day > @day180 AND b.day < @day90 THEN b.views ELSE 0 END) AS p90,
      max(b.day = @day90) AS at90, max(b.day = @day180) AS at180, max(b.day = @dayT) AS atT,
      min(CASE WHEN b.day >= @day90 THEN b.day END) AS b90, min(CASE WHEN b.day <= @day90 THEN b.day END) AS b180
    FROM members m LEFT JOIN member_view_counts c ON c.member_id = m.id
      LEFT JOIN member_view_days b ON b.member_id = m.id AND b.day >= @day180 AND b.day <= @dayT
    WHERE m.id BETWEEN @lo AND @hi AND m.joined_at <= @t AND ${population} GROUP BY m.id ${ONCE}),
  raw AS (SELECT g.id AS member_id, g.joined_at, g.cancelled_at,
      CASE WHEN g.counted IS NULL THEN 0 WHEN ${later} THEN ${both('count(*)', 'watched_at < @t')} ELSE g.views END AS n,
      CASE WHEN ${later} THEN ${before('min')} ELSE g.first_viewed_at END AS f,
      CASE WHEN ${later} THEN ${before('max')} ELSE g.last_viewed_at END AS last,
      g.v90 + CASE WHEN g.at90 THEN ${between('@since90', '@day90End')} ELSE 0 END
        + CASE WHEN g.atT THEN ${between('@dayTStart', '@t')} ELSE 0 END AS views90,
      g.p90 + CASE WHEN g.at90 THEN ${between('@day90Start', '@since90')} ELSE 0 END
        + CASE WHEN g.at180 THEN ${between('@since180', '@day180End')} ELSE 0 END AS previous90,
      g.b90, g.b180, coalesce(${later}, 0) AS laterView
    FROM g ${ONCE})
  SELECT ${FEATURE_COLUMNS}, b90, b180, laterView FROM raw`;
}

export type CountsParams = FeatureParams & {
  day90: number;
  day180: number;
  dayT: number;
  day90Start: number;
  day90End: number;
  day180End: number;
  dayTStart: number;
};
export function countsParams(t: number): CountsParams {
  const f = featureParams(t);
  const day = (ms: number) => Math.floor(ms / DAY_MS);
  const [day90, day180, dayT] = [day(f.since90), day(f.since180), day(t)];
  return {
    ...f,
    day90,
    day180,
    dayT,
    day90Start: day90 * DAY_MS,
    day90End: (day90 + 1) * DAY_MS,
    day180End: (day180 + 1) * DAY_MS,
    dayTStart: dayT * DAY_MS,
  };
}

const BOUNDS_SQL = 'SELECT coalesce((SELECT min(id) FROM members), 1) AS lo, coalesce((SELECT max(id) FROM members), 0) AS hi';

/** The lowest and highest member id (1 and 0 with no member): the range jobs walk in chunks. */
export function memberIdBounds(sqlite: Database.Database): { lo: number; hi: number } {
  return sqlite.prepare(BOUNDS_SQL).get() as { lo: number; hi: number };
}

/**
 * The backtest in one statement: members active on @t (joined, not cancelled, not dormant by the
 * policy's rule from views before @t) by score as of @t, split by whether they became dormant by
 * the rule (views before @d) or were cancelled by @d. The member's current status is not read:
 * only views, the join and the cancellation, so the past is judged as it was.
 */
const lastBeforeD = (table: string) => `(SELECT max(watched_at) FROM ${table} WHERE member_id = f.member_id AND watched_at < @d)`;
const BACKTEST_SQL = `SELECT score, sum(became) AS positives, count(*) - sum(became) AS negatives FROM (
    SELECT ${SCORE_SQL} AS score,
      (cancelled_at IS NOT NULL AND cancelled_at < @d)
      OR (CASE WHEN lastBeforeD IS NULL THEN joined_at < @dJoinedBefore ELSE lastBeforeD < @dViewedBefore END) AS became
    FROM (SELECT f.*, max(coalesce(${lastBeforeD('viewing_events')}, ${lastBeforeD('viewing_events_recent')}),
        coalesce(${lastBeforeD('viewing_events_recent')}, ${lastBeforeD('viewing_events')})) AS lastBeforeD
      FROM (${featuresSql('(m.cancelled_at IS NULL OR m.cancelled_at >= @t)')}) f
      WHERE NOT (CASE WHEN last IS NULL THEN joined_at < @tJoinedBefore ELSE last < @tViewedBefore END)))
  GROUP BY score`;

function backtestParams(o: BacktestOptions) {
  const atT = cutoffs(o.policy, o.scoredAt);
  const atD = cutoffs(o.policy, o.outcomeAt);
  return {
    ...featureParams(o.scoredAt),
    d: o.outcomeAt,
    tJoinedBefore: atT.joinedBefore,
    tViewedBefore: atT.viewedBefore,
    dJoinedBefore: atD.joinedBefore,
    dViewedBefore: atD.viewedBefore,
    lo: -9e15,
    hi: 9e15,
  };
}
type BacktestOptions = { scoredAt: number; outcomeAt: number; policy: Pick<PolicyValues, 'neverWatchedDays' | 'inactiveDays'> };

/** Members per backtest read: each is its own short read, so a checkpoint is never held back for minutes. */
const BACKTEST_CHUNK = 100_000;

/** The backtest's counts per score, read a member-id range at a time and summed. */
export function backtestCounts(sqlite: Database.Database, o: BacktestOptions, chunk = BACKTEST_CHUNK): ScoreCounts[] {
  const stmt = sqlite.prepare(BACKTEST_SQL);
  const { lo: minId, hi: maxId } = memberIdBounds(sqlite);
  const byScore = new Map<number, ScoreCounts>();
  for (let lo = minId; lo <= maxId; lo += chunk) {
    const rows = stmt.all(namedParams({ ...backtestParams(o), lo, hi: lo + chunk - 1 }, stmt)) as ScoreCounts[];
    for (const r of rows) {
      const sum = byScore.get(r.score);
      if (sum) {
        sum.positives += r.positives;
        sum.negatives += r.negatives;
      } else byScore.set(r.score, { ...r });
    }
  }
  return [...byScore.values()].sort((a, b) => a.score - b.score);
}

/** The bare SQL of the backtest as of `t`'s day, values inlined, in one transaction (the benchmark's raw side). */
export function rawBacktestSql(t: number, policy: BacktestOptions['policy'], policyVersionId: number): string {
  const outcomeAt = Math.floor(t / DAY_MS) * DAY_MS;
  const scoredAt = outcomeAt - BACKTEST_DAYS * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const p: Record<string, number | string> = backtestParams({ scoredAt, outcomeAt, policy });
  return [
    'BEGIN IMMEDIATE',
    'DELETE FROM risk_backtest',
    `INSERT INTO risk_backtest (outcome_day, scored_day, policy_version_id, score, positives, negatives)
      SELECT '${iso(outcomeAt)}', '${iso(scoredAt)}', ${policyVersionId}, score, positives, negatives FROM (${inlineParams(BACKTEST_SQL, p)})`,
    'COMMIT',
  ].join(';\n');
}

/** `q` with each @name replaced by its value (strings quoted): the bare SQL the benchmark runs. */
export function inlineParams(q: string, v: Record<string, number | string>): string {
  return q.replace(/@(\w+)/g, (_, k: string) => (typeof v[k] === 'string' ? `'${v[k]}'` : String(v[k])));
}
