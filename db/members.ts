import 'server-only';
import type Database from 'better-sqlite3';
import { desc, eq, sql } from 'drizzle-orm';
import type { MemberCursor, MemberFilters } from '@/lib/domain/members/filters';
import { type KeysetPage, keysetPage } from '@/lib/domain/members/keyset';
import type { Db } from './client';
import { countMatchingUpTo, distinctIndexed, memberListRows, timelineRows } from './members.sql';
import { preparedQuery } from './prepared';
import { batches, batchMembers, campaignMembers, campaigns, campaignVariants, members, titles } from './schema';
import type { Member } from './schema/members';

// Members explorer reads. The lists walk an index range chosen per filter (db/members.sql.ts);
// one member's record, campaigns and batches go through the query builder, prepared once per
// connection (read on every view of a member's page).

export { chooseIndex, countMembersQuery, listMembersQuery } from './members.sql';

export type MemberListRow = Pick<
  Member,
  | 'id'
  | 'accountId'
  | 'displayName'
  | 'email'
  | 'country'
  | 'language'
  | 'plan'
  | 'priceMinor'
  | 'currency'
  | 'status'
  | 'joinedAt'
  | 'lastViewedAt'
>;

export function listMembers(
  sqlite: Database.Database,
  f: MemberFilters,
  cursor: MemberCursor,
  limit = 50,
): KeysetPage<MemberListRow, number> {
  return keysetPage(memberListRows(sqlite, f, cursor, limit), limit, cursor, (r) => r.id);
}

export const COUNT_CAP = 10_000;

/** Matching members, counted only up to COUNT_CAP (then "10,000+"), so it stays cheap at any size. */
export function countMembersCapped(sqlite: Database.Database, f: MemberFilters): { count: number; capped: boolean } {
  const n = countMatchingUpTo(sqlite, f, COUNT_CAP);
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

export function memberFacets(sqlite: Database.Database): { countries: string[]; plans: string[] } {
  return { countries: distinctIndexed(sqlite, 'country'), plans: distinctIndexed(sqlite, 'plan') };
}

// --- One member ---------------------------------------------------------------------------------

export type MemberDetail = MemberListRow &
  Pick<
    Member,
    | 'statusChangedAt'
    | 'dormantReason'
    | 'dormantSince'
    | 'lastContactedAt'
    | 'cancelledAt'
    | 'cancellationSource'
    | 'retentionUntil'
    | 'purgedAt'
  > & { lastTitleName: string | null };

export function getMember(db: Db, id: number): MemberDetail | undefined {
  return preparedQuery(db, memberQuery).get({ id });
}

function memberQuery(db: Db) {
  return db
    .select({
      id: members.id,
      accountId: members.accountId,
      displayName: members.displayName,
      email: members.email,
      country: members.country,
      language: members.language,
      plan: members.plan,
      priceMinor: members.priceMinor,
      currency: members.currency,
      status: members.status,
      joinedAt: members.joinedAt,
      lastViewedAt: members.lastViewedAt,
      statusChangedAt: members.statusChangedAt,
      dormantReason: members.dormantReason,
      dormantSince: members.dormantSince,
      lastContactedAt: members.lastContactedAt,
      cancelledAt: members.cancelledAt,
      cancellationSource: members.cancellationSource,
      retentionUntil: members.retentionUntil,
      purgedAt: members.purgedAt,
      lastTitleName: titles.name,
    })
    .from(members)
    .leftJoin(titles, eq(titles.id, members.lastTitleId))
    .where(eq(members.id, sql.placeholder('id')))
    .prepare();
}

export type TimelineRow = {
  watchedAt: number;
  titleId: number;
  secondsWatched: number;
  titleName: string | null;
  kind: string | null;
};
/** Timeline cursor "watchedAt-titleId": the primary key order of viewing_events after member_id. */
export type TimelineCursor = { after?: string; before?: string };

export function parseTimelineCursor(s: string | undefined): [number, number] | undefined {
  const m = s?.match(/^(\d{1,15})-(\d{1,12})$/);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** One page of a member's views, newest first, from both event tables (db/members.sql.ts timelineRows). */
export function memberTimeline(
  sqlite: Database.Database,
  memberId: number,
  cursor: TimelineCursor,
  limit = 25,
): KeysetPage<TimelineRow, string> {
  const after = parseTimelineCursor(cursor.after);
  const before = parseTimelineCursor(cursor.before);
  const at = before ? { key: before, direction: 'before' as const } : after ? { key: after, direction: 'after' as const } : null;
  const rows = timelineRows(sqlite, memberId, at, limit);
  const c = before ? { before: cursor.before } : after ? { after: cursor.after } : {};
  return keysetPage(rows, limit, c, (r) => `${r.watchedAt}-${r.titleId}`);
}

export type MemberCampaignRow = {
  campaignId: number;
  campaignName: string;
  variantKey: string | null;
  variantName: string | null;
  status: string;
  excludedReason: string | null;
  assignedAt: number;
  sentAt: number | null;
  confirmedAt: number | null;
  reactivatedAt: number | null;
  outcome: string;
};

export function memberCampaigns(db: Db, memberId: number): MemberCampaignRow[] {
  return preparedQuery(db, memberCampaignsQuery).all({ memberId });
}

function memberCampaignsQuery(db: Db) {
  return db
    .select({
      campaignId: campaignMembers.campaignId,
      campaignName: campaigns.name,
      variantKey: campaignVariants.key,
      variantName: campaignVariants.name,
      status: campaignMembers.status,
      excludedReason: campaignMembers.excludedReason,
      assignedAt: campaignMembers.assignedAt,
      sentAt: campaignMembers.sentAt,
      confirmedAt: campaignMembers.confirmedAt,
      reactivatedAt: campaignMembers.reactivatedAt,
      outcome: campaignMembers.outcome,
    })
    .from(campaignMembers)
    .innerJoin(campaigns, eq(campaigns.id, campaignMembers.campaignId))
    .leftJoin(campaignVariants, eq(campaignVariants.id, campaignMembers.variantId))
    .where(eq(campaignMembers.memberId, sql.placeholder('memberId')))
    .orderBy(desc(campaignMembers.assignedAt), desc(campaignMembers.id))
    .prepare();
}

export type MemberBatchRow = {
  batchId: number;
  batchStatus: string;
  state: string;
  reason: string | null;
  priceMinor: number;
  currency: string;
  proposedAt: number;
  decidedAt: number | null;
  executedAt: number | null;
};

export function memberBatches(db: Db, memberId: number): MemberBatchRow[] {
  return preparedQuery(db, memberBatchesQuery).all({ memberId });
}

function memberBatchesQuery(db: Db) {
  return db
    .select({
      batchId: batchMembers.batchId,
      batchStatus: batches.status,
      state: batchMembers.state,
      reason: batchMembers.reason,
      priceMinor: batchMembers.priceMinor,
      currency: batchMembers.currency,
      proposedAt: batches.proposedAt,
      decidedAt: batchMembers.decidedAt,
      executedAt: batches.executedAt,
    })
    .from(batchMembers)
    .innerJoin(batches, eq(batches.id, batchMembers.batchId))
    .where(eq(batchMembers.memberId, sql.placeholder('memberId')))
    .orderBy(desc(batchMembers.batchId))
    .prepare();
}
