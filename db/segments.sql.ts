import 'server-only';
import type Database from 'better-sqlite3';
import { NOT_INTERESTED_REASON } from '@/lib/domain/campaigns/next-season';
import type { SegmentFilters } from '@/lib/domain/campaigns/segment';
import { cutoffs, type PolicyValues } from '@/lib/domain/dormancy';
import { preparedOnce } from './prepared';
import { STATUS_IDX_TERM } from './schema/members';

// Named bulk statements of the segment builder: which dormant members a campaign would reach. One
// WHERE clause serves the live count, the preview samples, the pre-send breakdown and queueing, so
// they cannot disagree. Each runs over up to millions of members; results are typed here.

export const RUNNING_CAMPAIGN_STATUSES = ['scheduled', 'sending', 'paused', 'awaiting_responses'] as const;
export const RUNNING_SQL = RUNNING_CAMPAIGN_STATUSES.map((s) => `'${s}'`).join(', ');
export const FREQUENCY_CAP_DAYS = 30;
const DAY_MS = 86_400_000;

export type Channel = 'email' | 'in_app' | 'both';
export const EXCLUSION_REASONS = ['suppressed', 'frequency_cap', 'no_email'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** The instant N calendar months before `at` (UTC), clamped to the month's last day (31 Mar − 1 = 28/29 Feb). */
export function monthsBefore(at: number, months: number): number {
  const d = new Date(at);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** `from`: `members m` with the index hint that serves the segment's count and queueing. */
export type SegmentSql = { core: string; where: string; from: string; params: Record<string, string | number> };

const DORMANT_FROM = 'members m INDEXED BY members_segment_idx';
// At-risk segments: the targeted bands' member ids from the small partial member_risk_band_idx,
// each then looked up by primary key (members at risk are a minority of the active ones).
const AT_RISK_FROM = 'members m';
// Next-season win-backs: cancelled members, read off the small partial members_status_idx (the
// WHERE repeats its term), each then checked against their own viewing range by primary key.
const NEXT_SEASON_FROM = 'members m';

// Watched an earlier season of the new season's (@nextSeasonTitle) series, in either event table.
const EARLIER_SEASONS = `SELECT e.id FROM titles e JOIN titles n ON n.id = @nextSeasonTitle
    WHERE e.series = n.series AND e.season < n.season`;
const NEXT_SEASON_WHERE = [
  `m.${STATUS_IDX_TERM}`,
  "m.status = 'cancelled'",
  "m.cancellation_source = 'batch'",
  'm.winback_consent = 1',
  `(EXISTS (SELECT 1 FROM viewing_events v WHERE v.member_id = m.id AND v.title_id IN (${EARLIER_SEASONS}))
    OR EXISTS (SELECT 1 FROM viewing_events_recent v WHERE v.member_id = m.id AND v.title_id IN (${EARLIER_SEASONS})))`,
  `NOT EXISTS (SELECT 1 FROM leave_requests lr WHERE lr.member_id = m.id AND lr.reason = '${NOT_INTERESTED_REASON}')`,
];

// Members no new campaign may take: those in a running campaign (draft excluded), and those who
// pressed "Keep my membership" or rejoined after a cancellation within the never-watched window
// (asking again so soon would be unfair). A rejoin is not a view, so a rejoined member's old last
// view makes them dormant again by the rule; this keeps them out of the next last-chance round.
const OTHER_EXCLUDED_SQL = `SELECT kcm.member_id FROM keep_confirmations k JOIN campaign_members kcm ON kcm.id = k.campaign_member_id
    WHERE k.confirmed_at > @confirmedSince
  UNION SELECT r.member_id FROM rejoins r WHERE r.rejoined_at > @confirmedSince`;
const RUNNING_MEMBERS_SQL = `SELECT xcm.member_id FROM campaign_members xcm JOIN campaigns xc ON xc.id = xcm.campaign_id
    WHERE xcm.status <> 'excluded' AND xc.status IN (${RUNNING_SQL})
  UNION ${OTHER_EXCLUDED_SQL}`;

/**
 * WHERE clauses over `members m` for a segment. `core`: dormant (status, and re-checked under the
 * current policy so a stale status never targets someone who has watched since) and the filters;
 * or, with at-risk bands, active members whose latest score is in one of them. At-risk members are
 * never 'dormant', so no batch can ever propose them for cancellation.
 * `where`: core and not already in a running campaign (draft excluded). Cancelled members are never
 * 'dormant'. A next-season win-back (nextSeasonTitleId) takes cancelled members instead
 * (lib/domain/campaigns/next-season.ts): cancelled by a batch, consenting, who watched an earlier
 * season and did not leave for not watching; dormancy filters do not apply to them.
 * Suppressed members are NOT removed here: the count drops them, queueing records them
 * as excluded 'suppressed'.
 */
export function segmentSql(f: SegmentFilters, policy: PolicyValues, at: number): SegmentSql {
  const params: Record<string, string | number> = {};
  const list = (name: string, values: readonly string[]) =>
    values
      .map((v, i) => {
        params[`${name}${i}`] = v;
        return `@${name}${i}`;
      })
      .join(', ');
  // "At least N months dormant" = dormant on the day N months ago; dormant today is implied.
  const asOf = f.minMonthsDormant ? monthsBefore(at, f.minMonthsDormant) : at;
  const c = cutoffs(policy, asOf);
  params.confirmedSince = at - policy.neverWatchedDays * DAY_MS;
  const atRisk = f.riskBands.length > 0;
  const nextSeason = f.nextSeasonTitleId != null;
  if (nextSeason) params.nextSeasonTitle = f.nextSeasonTitleId as number;
  const w = nextSeason
    ? [...NEXT_SEASON_WHERE]
    : atRisk
      ? [
          "m.status = 'active'",
          `m.id IN (SELECT member_id FROM member_risk WHERE band <> 'low' AND band IN (${list('band', f.riskBands)}))`,
        ]
      : ["m.status = 'dormant'"];
  if (f.countries.length) w.push(`m.country IN (${list('country', f.countries)})`);
  if (f.plans.length) w.push(`m.plan IN (${list('plan', f.plans)})`);
  if (f.languages.length) w.push(`m.language IN (${list('language', f.languages)})`);
  if (f.reasons.length) w.push(`m.dormant_reason IN (${list('reason', f.reasons)})`);
  if (!atRisk && !nextSeason) {
    w.push('((m.last_viewed_at IS NULL AND m.joined_at < @joinedBefore) OR m.last_viewed_at < @viewedBefore)');
    params.joinedBefore = c.joinedBefore;
    params.viewedBefore = c.viewedBefore;
  }
  if (f.priceCurrency && (f.minPriceMinor != null || f.maxPriceMinor != null)) {
    params.currency = f.priceCurrency;
    w.push('m.currency = @currency');
    if (f.minPriceMinor != null) {
      params.minPrice = f.minPriceMinor;
      w.push('m.price_minor >= @minPrice');
    }
    if (f.maxPriceMinor != null) {
      params.maxPrice = f.maxPriceMinor;
      w.push('m.price_minor <= @maxPrice');
    }
  }
  const core = w.join('\n  AND ');
  return {
    core,
    where: `${core}\n  AND m.id NOT IN (${RUNNING_MEMBERS_SQL})`,
    from: nextSeason ? NEXT_SEASON_FROM : atRisk ? AT_RISK_FROM : DORMANT_FROM,
    params,
  };
}

/** The live count's statement, for `flagged` and `unflagged` running campaigns bound as @f0… and @u0…. */
export function segmentCountSql(core: string, flagged: number, unflagged: number, from = DORMANT_FROM) {
  const names = (p: string, n: number) => Array.from({ length: n }, (_, i) => `@${p}${i}`).join(', ');
  // With no flagged running campaign the test is left out, not written as a constant per row.
  const notFlagged = flagged
    ? `NOT (m.running_campaign_id IS NOT NULL AND m.running_campaign_id IN (${names('f', flagged)})) AND `
    : '';
  const unflaggedMembers = unflagged
    ? `UNION SELECT member_id FROM campaign_members WHERE campaign_id IN (${names('u', unflagged)}) AND status <> 'excluded'`
    : '';
  // The rest of the excluded set (small tables) is built once per count into a transient index and
  // probed per member: cheaper than walking it by primary key into members and counting it apart.
  return `SELECT count(*) AS n FROM ${from} WHERE ${notFlagged}${core}
  AND m.id NOT IN (SELECT member_id FROM suppressions ${unflaggedMembers} UNION ${OTHER_EXCLUDED_SQL})`;
}

/** Runs the live count for a segment, with the running campaigns split by whether their recipients are flagged. */
export function runSegmentCount(sqlite: Database.Database, q: SegmentSql, running: { flagged: number[]; unflagged: number[] }) {
  const ids: Record<string, number> = {};
  running.flagged.forEach((id, i) => {
    ids[`f${i}`] = id;
  });
  running.unflagged.forEach((id, i) => {
    ids[`u${i}`] = id;
  });
  const sql = segmentCountSql(q.core, running.flagged.length, running.unflagged.length, q.from);
  return (preparedOnce(sqlite, sql).get({ ...q.params, ...ids }) as { n: number }).n;
}

/**
 * Why a segment member gets nothing, first reason wins: on the suppression list, then a
 * last-chance message in the last 30 days (any campaign), then no address for an email-only campaign.
 * NULL = reachable. Applies to every member before assignment, holdout included, so the holdout
 * is drawn from the same reachable population as the variants.
 */
export function exclusionSql(channel: Channel): string {
  const noEmail = channel === 'email' ? `WHEN m.email IS NULL OR m.email = '' THEN 'no_email'` : '';
  return `CASE WHEN EXISTS (SELECT 1 FROM suppressions s WHERE s.member_id = m.id) THEN 'suppressed'
    WHEN m.last_contacted_at IS NOT NULL AND m.last_contacted_at > @capSince THEN 'frequency_cap'
    ${noEmail} END`;
}

/** The channel a reachable member is messaged on. */
export function recipientChannelSql(channel: Channel): string {
  if (channel === 'both') return `CASE WHEN m.email IS NULL OR m.email = '' THEN 'in_app' ELSE 'email' END`;
  return `'${channel}'`;
}

/** @capSince: the frequency cap's start for a campaign queued at `at`. */
export const capSince = (at: number) => at - FREQUENCY_CAP_DAYS * DAY_MS;

// The segment builder and a draft's preview run these on every view and count: each segment's texts
// are prepared once per connection (db/prepared.ts bounds how many are kept).

/** Segment members grouped by exclusion reason (null = reachable) and channel. */
export function breakdownRows(sqlite: Database.Database, q: SegmentSql, channel: Channel, at: number) {
  return preparedOnce(
    sqlite,
    `SELECT reason, ch, count(*) AS n FROM (
         SELECT ${exclusionSql(channel)} AS reason, ${recipientChannelSql(channel)} AS ch FROM members m WHERE ${q.where})
       GROUP BY reason, ch`,
  ).all({ ...q.params, capSince: capSince(at) }) as { reason: ExclusionReason | null; ch: 'email' | 'in_app'; n: number }[];
}

/** Reachable segment members (suppressed ones left out) by language, most first: read off members_segment_idx. */
export function languageRows(sqlite: Database.Database, q: SegmentSql): { language: string; n: number }[] {
  return preparedOnce(
    sqlite,
    `SELECT m.language, count(*) AS n FROM members m WHERE ${q.where} AND m.id NOT IN (SELECT member_id FROM suppressions)
       GROUP BY m.language ORDER BY n DESC, m.language`,
  ).all(q.params) as { language: string; n: number }[];
}

/** The first `limit` reachable members of the segment in index order. */
export function sampleIds(sqlite: Database.Database, q: SegmentSql, limit: number): number[] {
  return preparedOnce(
    sqlite,
    `SELECT m.id FROM members m WHERE ${q.where} AND m.id NOT IN (SELECT member_id FROM suppressions) LIMIT ${Math.trunc(limit)}`,
  )
    .pluck()
    .all(q.params) as number[];
}
