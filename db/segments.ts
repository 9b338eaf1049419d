import type Database from 'better-sqlite3';
import { ARM_HASH_SQL_FN, armHash } from '@/lib/domain/campaigns/assignment';
import type { SegmentFilters } from '@/lib/domain/campaigns/segment';
import { cutoffs, type PolicyValues } from '@/lib/domain/dormancy';

// Segment SQL: which dormant members a campaign would reach. One WHERE clause serves the live
// count, the preview samples, the pre-send breakdown and queueing, so they cannot disagree.

export const RUNNING_CAMPAIGN_STATUSES = ['scheduled', 'sending', 'paused', 'awaiting_responses'] as const;
export const RUNNING_SQL = RUNNING_CAMPAIGN_STATUSES.map((s) => `'${s}'`).join(', ');
export const FREQUENCY_CAP_DAYS = 30;
const DAY_MS = 86_400_000;

export type PolicyRow = PolicyValues & { id: number };

/** The current policy version (highest id), read directly so scripts and workers can call it. */
export function currentPolicyRow(sqlite: Database.Database): PolicyRow {
  const row = sqlite
    .prepare(
      `SELECT id, never_watched_days AS neverWatchedDays, inactive_days AS inactiveDays, response_days AS responseDays,
         retention_days AS retentionDays FROM policy_versions ORDER BY id DESC LIMIT 1`,
    )
    .get() as PolicyRow | undefined;
  if (!row) throw new Error('No policy version exists yet: run `npm run db:seed` (it writes version 1).');
  return row;
}

const registered = new WeakSet<Database.Database>();
/** Registers rk_arm_hash on a connection (idempotent): SQL assignment uses the TypeScript hash itself. */
export function registerCampaignFunctions(sqlite: Database.Database) {
  if (registered.has(sqlite)) return;
  sqlite.function(ARM_HASH_SQL_FN, { deterministic: true }, (seed, id, salt) => armHash(Number(seed), Number(id), Number(salt)));
  registered.add(sqlite);
}

/** The instant N calendar months before `at` (UTC), clamped to the month's last day (31 Mar − 1 = 28/29 Feb). */
export function monthsBefore(at: number, months: number): number {
  const d = new Date(at);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

export type SegmentSql = { core: string; where: string; params: Record<string, string | number> };

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
 * current policy so a stale status never targets someone who has watched since) and the filters.
 * `where`: core and not already in a running campaign (draft excluded). Cancelled members are never
 * 'dormant'. Suppressed members are NOT removed here: the count drops them, queueing records them
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
  params.joinedBefore = c.joinedBefore;
  params.viewedBefore = c.viewedBefore;
  params.confirmedSince = at - policy.neverWatchedDays * DAY_MS;
  const w = ["m.status = 'dormant'"];
  if (f.countries.length) w.push(`m.country IN (${list('country', f.countries)})`);
  if (f.plans.length) w.push(`m.plan IN (${list('plan', f.plans)})`);
  if (f.reasons.length) w.push(`m.dormant_reason IN (${list('reason', f.reasons)})`);
  w.push('((m.last_viewed_at IS NULL AND m.joined_at < @joinedBefore) OR m.last_viewed_at < @viewedBefore)');
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
  return { core, where: `${core}\n  AND m.id NOT IN (${RUNNING_MEMBERS_SQL})`, params };
}

/**
 * Members matching the segment, minus suppressed ones and those in a running campaign: the
 * builder's live count.
 * - The segment less the members of running campaigns whose recipients are flagged
 *   (members.running_campaign_id, db/running-flags.ts) is one pass over the partial covering index
 *   members_segment_idx (INDEXED BY: without ANALYZE statistics SQLite would pick
 *   members_status_idx and visit every row).
 * - The rest of the excluded set — suppressions, keep confirmations, rejoins, and the recipients of
 *   a running campaign not flagged yet (the seconds after queueing) — is small and walked by
 *   primary key, leaving out members the first part already left out.
 */
export function countSegment(sqlite: Database.Database, f: SegmentFilters, at: number, policy = currentPolicyRow(sqlite)) {
  const q = segmentSql(f, policy, at);
  const running = runningCampaigns(sqlite);
  const ids: Record<string, number> = {};
  running.flagged.forEach((id, i) => {
    ids[`f${i}`] = id;
  });
  running.unflagged.forEach((id, i) => {
    ids[`u${i}`] = id;
  });
  const sql = segmentCountSql(q.core, running.flagged.length, running.unflagged.length);
  return (sqlite.prepare(sql).get({ ...q.params, ...ids }) as { n: number }).n;
}

/** Running campaigns, split by whether their recipients' members.running_campaign_id is written. */
export function runningCampaigns(sqlite: Database.Database): { flagged: number[]; unflagged: number[] } {
  const rows = sqlite
    .prepare(`SELECT id, members_flagged_at IS NOT NULL AS f FROM campaigns WHERE status IN (${RUNNING_SQL}) ORDER BY id`)
    .all() as { id: number; f: number }[];
  return { flagged: rows.filter((r) => r.f).map((r) => r.id), unflagged: rows.filter((r) => !r.f).map((r) => r.id) };
}

/** The live count's statement, for `flagged` and `unflagged` running campaigns bound as @f0… and @u0…. */
export function segmentCountSql(core: string, flagged: number, unflagged: number) {
  const names = (p: string, n: number) => Array.from({ length: n }, (_, i) => `@${p}${i}`).join(', ');
  const inFlagged = flagged ? `m.running_campaign_id IN (${names('f', flagged)})` : '0';
  const unflaggedMembers = unflagged
    ? `UNION SELECT member_id FROM campaign_members WHERE campaign_id IN (${names('u', unflagged)}) AND status <> 'excluded'`
    : '';
  return `SELECT (SELECT count(*) FROM members m INDEXED BY members_segment_idx
      WHERE NOT (m.running_campaign_id IS NOT NULL AND ${inFlagged}) AND ${core})
  - (SELECT count(*) FROM (SELECT member_id AS id FROM suppressions ${unflaggedMembers} UNION ${OTHER_EXCLUDED_SQL}) x
       CROSS JOIN members m ON m.id = x.id WHERE NOT (m.running_campaign_id IS NOT NULL AND ${inFlagged}) AND ${core}) AS n`;
}

const UNFILTERED_CORE =
  "m.status = 'dormant' AND ((m.last_viewed_at IS NULL AND m.joined_at < @joinedBefore) OR m.last_viewed_at < @viewedBefore)";

/**
 * The count as one literal statement for an unfiltered segment (@joinedBefore, @viewedBefore from
 * cutoffs(); @confirmedSince; running campaign ids as @f0… and @u0…), for the benchmark.
 */
export const rawSegmentCountSql = (flagged = 0, unflagged = 0) => segmentCountSql(UNFILTERED_CORE, flagged, unflagged);

export type Channel = 'email' | 'in_app' | 'both';
export const EXCLUSION_REASONS = ['suppressed', 'frequency_cap', 'no_email'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

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

export type SegmentBreakdown = {
  matching: number; // segment members, suppressed included
  excluded: Record<ExclusionReason, number>;
  reachable: number;
  reachableByChannel: { email: number; in_app: number };
};

/** Before queueing: how many would be reached, on which channel, and why the others would not. */
export function segmentBreakdown(
  sqlite: Database.Database,
  f: SegmentFilters,
  channel: Channel,
  at: number,
  policy = currentPolicyRow(sqlite),
): SegmentBreakdown {
  const q = segmentSql(f, policy, at);
  const rows = sqlite
    .prepare(
      `SELECT reason, ch, count(*) AS n FROM (
         SELECT ${exclusionSql(channel)} AS reason, ${recipientChannelSql(channel)} AS ch FROM members m WHERE ${q.where})
       GROUP BY reason, ch`,
    )
    .all({ ...q.params, capSince: at - FREQUENCY_CAP_DAYS * DAY_MS }) as {
    reason: ExclusionReason | null;
    ch: 'email' | 'in_app';
    n: number;
  }[];
  const out: SegmentBreakdown = {
    matching: 0,
    excluded: { suppressed: 0, frequency_cap: 0, no_email: 0 },
    reachable: 0,
    reachableByChannel: { email: 0, in_app: 0 },
  };
  for (const r of rows) {
    out.matching += r.n;
    if (r.reason) out.excluded[r.reason] += r.n;
    else {
      out.reachable += r.n;
      out.reachableByChannel[r.ch] += r.n;
    }
  }
  return out;
}

export type SampleMember = { id: number };

/** A few reachable members of the segment, for the message preview (cheap: index order, LIMIT). */
export function sampleSegmentMemberIds(
  sqlite: Database.Database,
  f: SegmentFilters,
  at: number,
  limit = 3,
  policy = currentPolicyRow(sqlite),
): number[] {
  const q = segmentSql(f, policy, at);
  const rows = sqlite
    .prepare(
      `SELECT m.id FROM members m WHERE ${q.where} AND m.id NOT IN (SELECT member_id FROM suppressions) LIMIT ${Math.trunc(limit)}`,
    )
    .all(q.params) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Distinct values of an indexed column by skip-scan (one index seek per value, not a 5M-row scan). */
function distinctIndexed(sqlite: Database.Database, column: 'country' | 'plan'): string[] {
  const rows = sqlite
    .prepare(
      `WITH RECURSIVE d(v) AS (SELECT min(${column}) FROM members
         UNION ALL SELECT (SELECT min(${column}) FROM members WHERE ${column} > d.v) FROM d WHERE d.v IS NOT NULL)
       SELECT v FROM d WHERE v IS NOT NULL`,
    )
    .all() as { v: string }[];
  return rows.map((r) => r.v);
}

/** Choices for the segment builder: countries and plans present, and the currencies they bill in. */
export function segmentOptions(sqlite: Database.Database) {
  const countries = distinctIndexed(sqlite, 'country');
  const plans = distinctIndexed(sqlite, 'plan');
  const cur = sqlite.prepare('SELECT currency FROM members WHERE country = ? LIMIT 1');
  const currencies = [...new Set(countries.map((c) => (cur.get(c) as { currency: string } | undefined)?.currency))]
    .filter((c): c is string => !!c)
    .sort();
  return { countries, plans, currencies };
}
