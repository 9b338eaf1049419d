import 'server-only';
import type Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { ARM_HASH_SQL_FN, armHash } from '@/lib/domain/campaigns/assignment';
import type { SegmentFilters } from '@/lib/domain/campaigns/segment';
import type { PolicyValues } from '@/lib/domain/dormancy';
import { KNOWN_LANGUAGES, languageName } from '@/lib/domain/members/language';
import { type Db, drizzleFor } from './client';
import { distinctIndexed } from './members.sql';
import { preparedQuery } from './prepared';
import { campaigns, members, policyVersions } from './schema';
import {
  breakdownRows,
  type Channel,
  type ExclusionReason,
  languageRows,
  RUNNING_SQL,
  runSegmentCount,
  sampleIds,
  segmentSql,
} from './segments.sql';

// Which dormant members a campaign would reach: the live count, the pre-send breakdown, the
// preview samples and the builder's choices. The statements themselves are in segments.sql.ts.

export {
  type Channel,
  EXCLUSION_REASONS,
  type ExclusionReason,
  FREQUENCY_CAP_DAYS,
  monthsBefore,
  RUNNING_CAMPAIGN_STATUSES,
  type SegmentSql,
  segmentSql,
} from './segments.sql';

export type PolicyRow = PolicyValues & { id: number };

// The two small reads on the live count's path (every keystroke in the segment builder) are typed
// `sql<T>` statements: through the query builder each costs ~0.03 ms and adds garbage, 5× the statement.

/** The current policy version (highest id), read directly so scripts and workers can call it. */
export function currentPolicyRow(sqlite: Database.Database): PolicyRow {
  const row = drizzleFor(sqlite).get<PolicyRow | undefined>(
    sql`SELECT id, never_watched_days AS neverWatchedDays, inactive_days AS inactiveDays, response_days AS responseDays,
          retention_days AS retentionDays FROM ${policyVersions} ORDER BY id DESC LIMIT 1`,
  );
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

/**
 * Members matching the segment, minus suppressed ones and those in a running campaign: the
 * builder's live count.
 * - The segment less the members of running campaigns whose recipients are flagged
 *   (members.running_campaign_id, db/running-flags.ts) is one pass over the partial covering index
 *   members_segment_idx (INDEXED BY: without ANALYZE statistics SQLite would pick
 *   members_status_idx and visit every row).
 * - The rest of the excluded set — suppressions, keep confirmations, rejoins, and the recipients of
 *   a running campaign not flagged yet (the seconds after queueing) — is small: read once per count
 *   into a transient index that the same pass probes (NOT IN over an uncorrelated subquery).
 */
export function countSegment(sqlite: Database.Database, f: SegmentFilters, at: number, policy = currentPolicyRow(sqlite)) {
  return runSegmentCount(sqlite, segmentSql(f, policy, at), runningCampaigns(sqlite));
}

/** Running campaigns, split by whether their recipients' members.running_campaign_id is written. */
export function runningCampaigns(sqlite: Database.Database): { flagged: number[]; unflagged: number[] } {
  const rows = drizzleFor(sqlite).all<{ id: number; flagged: number }>(
    sql`SELECT id, members_flagged_at IS NOT NULL AS flagged FROM ${campaigns} WHERE status IN (${sql.raw(RUNNING_SQL)}) ORDER BY id`,
  );
  return { flagged: rows.filter((r) => r.flagged).map((r) => r.id), unflagged: rows.filter((r) => !r.flagged).map((r) => r.id) };
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
  const out: SegmentBreakdown = {
    matching: 0,
    excluded: { suppressed: 0, frequency_cap: 0, no_email: 0 },
    reachable: 0,
    reachableByChannel: { email: 0, in_app: 0 },
  };
  for (const r of breakdownRows(sqlite, segmentSql(f, policy, at), channel, at)) {
    out.matching += r.n;
    if (r.reason) out.excluded[r.reason] += r.n;
    else {
      out.reachable += r.n;
      out.reachableByChannel[r.ch] += r.n;
    }
  }
  return out;
}

/** Before queueing: the segment's reachable members per language (the form's recipients-per-language table). */
export function segmentLanguages(
  sqlite: Database.Database,
  f: SegmentFilters,
  at: number,
  policy = currentPolicyRow(sqlite),
): { language: string; n: number }[] {
  return languageRows(sqlite, segmentSql(f, policy, at));
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
  return sampleIds(sqlite, segmentSql(f, policy, at), limit);
}

// Read once per country on every view of the segment builder, so prepared once per connection.
const currencyQuery = (db: Db) =>
  db
    .select({ currency: members.currency })
    .from(members)
    .where(eq(members.country, sql.placeholder('country')))
    .limit(1)
    .prepare();

/** Choices for the segment builder: countries and plans present, and the currencies they bill in. */
export function segmentOptions(sqlite: Database.Database) {
  // The members list's skip-scan (same values, same order), whose statements are prepared once.
  const countries = distinctIndexed(sqlite, 'country');
  const plans = distinctIndexed(sqlite, 'plan');
  const currency = preparedQuery(drizzleFor(sqlite), currencyQuery);
  const currencyOf = (country: string) => currency.get({ country })?.currency;
  const currencies = [...new Set(countries.map(currencyOf))].filter((c): c is string => !!c).sort();
  // The languages the country table gives (members set otherwise by import or API are rare; a
  // distinct scan of members.language would need an index of its own at 5M).
  const languages = KNOWN_LANGUAGES.map((l): [string, string] => [l, `${languageName(l)} (${l})`]);
  return { countries, plans, currencies, languages };
}
