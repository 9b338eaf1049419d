import 'server-only';
import type Database from 'better-sqlite3';
import { and, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getCampaign, recipientsByStatus } from './campaigns';
import { type Db, drizzleFor } from './client';
import { preparedQuery } from './prepared';
import { campaignMembers, campaignMemberTotals, campaigns, keepConfirmations, leaveRequests } from './schema';

// Reading campaigns: the list and the counts behind the report and the queue summary, from
// campaign_member_totals (kept by triggers, migration 0033): a few dozen rows per campaign however
// many recipients it has (decision 036).

const T = campaignMemberTotals;
// "Assigned" as in foldArms (lib/domain/campaigns/outcomes.ts): every recipient but those excluded at
// queueing (variant 0 = holdout, null in campaign_members).
const assigned = sql`(${T.status} <> 'excluded' OR ${T.variantId} <> 0)`;
const wonBack = sql`${T.outcome} IN ('confirmed', 'reactivated')`;

/**
 * Every campaign, newest first, with its counts. Assigned as in foldArms. An always-on campaign's
 * cohorts are not listed on their own: their counts add up on it.
 */
export function listCampaigns(sqlite: Database.Database) {
  const k = alias(campaigns, 'k');
  const owner = sql<number>`coalesce(${k.parentCampaignId}, ${k.id})`;
  const counts = drizzleFor(sqlite)
    .select({
      owner: owner.as('owner'),
      assigned: sql<number>`sum(iif(${assigned}, ${T.members}, 0))`.as('assigned'),
      sent: sql<number>`sum(iif(${T.status} = 'sent', ${T.members}, 0))`.as('sent'),
      wonBack: sql<number>`sum(iif(${assigned} AND ${wonBack}, ${T.members}, 0))`.as('won_back'),
    })
    .from(k)
    .innerJoin(T, eq(T.campaignId, k.id))
    .groupBy(owner)
    .as('counts');
  return drizzleFor(sqlite)
    .select({
      id: campaigns.id,
      name: campaigns.name,
      status: campaigns.status,
      alwaysOn: campaigns.alwaysOn,
      policyVersionId: campaigns.policyVersionId,
      deadlineAt: campaigns.deadlineAt,
      sendStartedAt: campaigns.sendStartedAt,
      createdAt: campaigns.createdAt,
      assigned: sql<number>`coalesce(${counts.assigned}, 0)`,
      sent: sql<number>`coalesce(${counts.sent}, 0)`,
      wonBack: sql<number>`coalesce(${counts.wonBack}, 0)`,
    })
    .from(campaigns)
    .leftJoin(counts, eq(counts.owner, campaigns.id))
    .where(isNull(campaigns.parentCampaignId))
    .orderBy(desc(campaigns.id))
    .all();
}
export type CampaignListRow = ReturnType<typeof listCampaigns>[number];

// The report's reads run on every view of a queued or sent campaign, so each is prepared once per
// connection (db/prepared.ts): building and preparing them cost more than running them.
const ofCampaign = sql.placeholder('campaignId');

function notReachedQuery(db: Db) {
  return (
    db
      .select({ variantId: campaignMembers.variantId, n: sql<number>`count(*)` })
      .from(campaignMembers)
      // bounced_at is only ever set on a sent recipient (db/bounces.ts markNotReached).
      .where(and(eq(campaignMembers.campaignId, ofCampaign), isNotNull(campaignMembers.bouncedAt)))
      .groupBy(campaignMembers.variantId)
      .prepare()
  );
}

/** Sent recipients never reached (the email bounced), per variant: read from the partial cm_bounced_idx alone. */
export function notReachedByVariant(sqlite: Database.Database, campaignId: number): Map<number, number> {
  const rows = preparedQuery(drizzleFor(sqlite), notReachedQuery).all({ campaignId });
  return new Map(rows.flatMap((r) => (r.variantId == null ? [] : [[r.variantId, r.n] as const])));
}

function memberCountsQuery(db: Db) {
  return db
    .select({
      variantId: sql<number | null>`nullif(${T.variantId}, 0)`,
      status: T.status,
      outcome: T.outcome,
      n: T.members,
    })
    .from(T)
    .where(and(eq(T.campaignId, ofCampaign), gt(T.members, 0)))
    .prepare();
}

/** Grouped recipient counts for the report and the queue summary (variantId null = holdout). */
export function campaignMemberCounts(sqlite: Database.Database, campaignId: number) {
  return preparedQuery(drizzleFor(sqlite), memberCountsQuery).all({ campaignId });
}

export type QueueSummary = {
  queuedByChannel: { email: number; in_app: number };
  holdout: number;
  excluded: Record<string, number>; // at queueing, before assignment
  notSent: Record<string, number>; // assigned, then excluded by delivery at send time
};

/** Excluded recipients by reason, at queueing (variant null) or by delivery at send time. */
function excludedQuery(db: Db) {
  return db
    .select({
      reason: sql<string>`coalesce(${campaignMembers.excludedReason}, 'unknown')`,
      atQueue: sql<number>`${campaignMembers.variantId} IS NULL`,
      n: sql<number>`count(*)`,
    })
    .from(campaignMembers)
    .where(and(eq(campaignMembers.campaignId, ofCampaign), eq(campaignMembers.status, 'excluded')))
    .groupBy(sql`1`, sql`2`)
    .prepare();
}

/** Messaged recipients by channel (a campaign on both channels). */
function channelsQuery(db: Db) {
  return db
    .select({ channel: campaignMembers.channel, n: sql<number>`count(*)` })
    .from(campaignMembers)
    .where(
      and(eq(campaignMembers.campaignId, ofCampaign), inArray(campaignMembers.status, ['queued', 'sending', 'sent', 'failed'])),
    )
    .groupBy(campaignMembers.channel)
    .prepare();
}

/**
 * Exactly who will be reached on which channel, and why the others are not (after queueing).
 * Counts by status come from the covering index; only excluded rows (and, for 'both', messaged
 * rows) are visited for their reason or channel.
 */
export function queueSummary(sqlite: Database.Database, campaignId: number): QueueSummary {
  const c = getCampaign(sqlite, campaignId);
  const out: QueueSummary = { queuedByChannel: { email: 0, in_app: 0 }, holdout: 0, excluded: {}, notSent: {} };
  if (!c) return out;
  const db = drizzleFor(sqlite);
  let messaged = 0;
  for (const r of recipientsByStatus(sqlite, campaignId)) {
    if (r.status === 'holdout') out.holdout += r.n;
    else if (r.status !== 'excluded') messaged += r.n;
  }
  for (const r of preparedQuery(db, excludedQuery).all({ campaignId })) {
    const into = r.atQueue ? out.excluded : out.notSent;
    into[r.reason] = (into[r.reason] ?? 0) + r.n;
  }
  if (c.channel !== 'both') out.queuedByChannel[c.channel] = messaged;
  else
    for (const r of preparedQuery(db, channelsQuery).all({ campaignId }))
      if (r.channel === 'email' || r.channel === 'in_app') out.queuedByChannel[r.channel] += r.n;
  return out;
}

function keepAnswersQuery(db: Db) {
  return db
    .select({
      variantId: campaignMembers.variantId,
      kept: sql<number>`coalesce(sum(${campaignMembers.outcome} <> 'chose_to_leave' AND NOT ${campaignMembers.offerAccepted}), 0)`,
      offerTaken: sql<number>`coalesce(sum(${campaignMembers.outcome} <> 'chose_to_leave' AND ${campaignMembers.offerAccepted}), 0)`,
      choseToLeave: sql<number>`coalesce(sum(${campaignMembers.outcome} = 'chose_to_leave'), 0)`,
    })
    .from(keepConfirmations)
    .innerJoin(campaignMembers, eq(campaignMembers.id, keepConfirmations.campaignMemberId))
    .where(eq(campaignMembers.campaignId, ofCampaign))
    .groupBy(campaignMembers.variantId)
    .prepare();
}

/**
 * The keep page's answers per variant: kept, kept and took the offer, chose to leave. Reads only the
 * answered recipients (keep_confirmations holds one row per answer).
 */
export function keepAnswersByVariant(sqlite: Database.Database, campaignId: number) {
  return preparedQuery(drizzleFor(sqlite), keepAnswersQuery).all({ campaignId });
}

function leaveReasonsQuery(db: Db) {
  return db
    .select({
      variantId: leaveRequests.variantId,
      reason: leaveRequests.reason,
      n: sql<number>`count(*)`,
      withNote: sql<number>`coalesce(sum(${leaveRequests.note} IS NOT NULL), 0)`,
    })
    .from(leaveRequests)
    .where(eq(leaveRequests.campaignId, ofCampaign))
    .groupBy(leaveRequests.variantId, leaveRequests.reason)
    .orderBy(leaveRequests.variantId, desc(sql`count(*)`))
    .prepare();
}

/** Reasons given by members who chose to leave, per variant (null reason = none given), with how many left a note. */
export function leaveReasonsByVariant(sqlite: Database.Database, campaignId: number) {
  return preparedQuery(drizzleFor(sqlite), leaveReasonsQuery).all({ campaignId });
}
