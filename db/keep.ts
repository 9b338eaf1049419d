import 'server-only';
import type Database from 'better-sqlite3';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { firstName } from '@/lib/domain/campaigns/message-vars';
import { paidPeriodEnd } from '@/lib/domain/keep/period';
import type { LeaveReason } from '@/lib/domain/values';
import { drizzleFor } from './client';
import {
  type CampaignStatus,
  campaignMembers,
  campaigns,
  campaignVariants,
  keepConfirmations,
  leaveRequests,
  members,
  policyVersions,
} from './schema';
import type { Tx } from './unit-of-work';

// The member's keep page: what a keep link shows, and recording a confirmation. The use case
// (lib/campaigns/keep.ts) runs the confirmation in its unit of work with its audit entry.

/** The first answer given through a keep link: kept, kept and took the offer, or chose to leave. */
export type GivenAnswer = 'kept' | 'offer' | 'left';

export type KeepView =
  | {
      state: 'open' | 'used';
      firstName: string;
      plan: string;
      priceMinor: number;
      currency: string;
      language: string;
      hasOffer: boolean;
      deadlineAt: number;
      retentionDays: number;
      /** When the membership would end (open) or ends (used, left): the end of the paid month. */
      endsAt: number;
      /** Set when used: what was answered first. */
      answer?: GivenAnswer;
    }
  | { state: 'invalid' | 'expired' | 'closed' };

const MESSAGED: readonly string[] = ['queued', 'sending', 'sent', 'failed'];
const OPEN_CAMPAIGN: readonly CampaignStatus[] = ['sending', 'paused', 'awaiting_responses'];

function keepRow(sqlite: Database.Database, campaignMemberId: number) {
  return drizzleFor(sqlite)
    .select({
      status: campaignMembers.status,
      campaignStatus: campaigns.status,
      deadlineAt: campaigns.deadlineAt,
      displayName: members.displayName,
      plan: members.plan,
      priceMinor: members.priceMinor,
      currency: members.currency,
      language: members.language,
      joinedAt: members.joinedAt,
      memberStatus: members.status,
      offer: sql<'none' | 'free_month'>`coalesce(${campaignVariants.offer}, 'none')`,
      used: sql<number>`EXISTS (SELECT 1 FROM ${keepConfirmations} k WHERE k.campaign_member_id = ${campaignMembers.id})`,
      outcome: campaignMembers.outcome,
      offerAccepted: campaignMembers.offerAccepted,
      leaveEndsAt: leaveRequests.endsAt,
      retentionDays: sql<number>`coalesce(${policyVersions.retentionDays}, 300)`,
    })
    .from(campaignMembers)
    .innerJoin(campaigns, eq(campaigns.id, campaignMembers.campaignId))
    .innerJoin(members, eq(members.id, campaignMembers.memberId))
    .leftJoin(campaignVariants, eq(campaignVariants.id, campaignMembers.variantId))
    .leftJoin(leaveRequests, eq(leaveRequests.campaignMemberId, campaignMembers.id))
    .leftJoin(policyVersions, eq(policyVersions.id, campaigns.policyVersionId))
    .where(eq(campaignMembers.id, campaignMemberId))
    .get();
}

/**
 * What the keep page shows for a token (GET: reads only, so a mail scanner following the link
 * confirms nothing). A valid signature is not enough: the recipient must exist, have been messaged,
 * its campaign still open and before its deadline, and the member not cancelled.
 */
export function keepView(sqlite: Database.Database, verified: { campaignMemberId: number } | null, at: number): KeepView {
  if (!verified) return { state: 'invalid' };
  const r = keepRow(sqlite, verified.campaignMemberId);
  if (!r || !MESSAGED.includes(r.status)) return { state: 'invalid' };
  const view = {
    firstName: firstName(r.displayName),
    plan: r.plan,
    priceMinor: r.priceMinor,
    currency: r.currency,
    language: r.language,
    hasOffer: r.offer !== 'none',
    deadlineAt: r.deadlineAt ?? 0,
    retentionDays: r.retentionDays,
    endsAt: r.leaveEndsAt ?? paidPeriodEnd(r.joinedAt, at),
  };
  if (r.used) {
    const answer: GivenAnswer = r.outcome === 'chose_to_leave' ? 'left' : r.offerAccepted ? 'offer' : 'kept';
    return { state: 'used', ...view, answer };
  }
  if (r.deadlineAt == null || at >= r.deadlineAt) return { state: 'expired' };
  if (!OPEN_CAMPAIGN.includes(r.campaignStatus) || r.memberStatus === 'cancelled') return { state: 'closed' };
  return { state: 'open', ...view };
}

/** The recipient a keep link names (by campaign and member). */
export function recipientOf(sqlite: Database.Database, campaignMemberId: number) {
  return drizzleFor(sqlite)
    .select({
      id: campaignMembers.id,
      campaignId: campaignMembers.campaignId,
      memberId: campaignMembers.memberId,
      status: campaignMembers.status,
      outcome: campaignMembers.outcome,
      confirmedAt: campaignMembers.confirmedAt,
      offerAccepted: campaignMembers.offerAccepted,
    })
    .from(campaignMembers)
    .where(eq(campaignMembers.id, campaignMemberId))
    .get();
}

/** Records the used token; false when it was used already. */
export function insertKeepConfirmation(tx: Tx, campaignMemberId: number, at: number): boolean {
  return tx.db.insert(keepConfirmations).values({ campaignMemberId, confirmedAt: at }).onConflictDoNothing().run().changes > 0;
}

/**
 * Marks the recipient confirmed (outcome 'confirmed' unless a view already made it 'reactivated':
 * a member counts once), with the offer accepted when they took it and the variant had one.
 */
export function markRecipientConfirmed(tx: Tx, campaignMemberId: number, at: number, tookOffer: boolean) {
  tx.db
    .update(campaignMembers)
    .set({
      confirmedAt: at,
      offerAccepted: tookOffer
        ? sql`(SELECT coalesce(v.offer, 'none') <> 'none' FROM ${campaignVariants} v WHERE v.id = ${campaignMembers.variantId})`
        : false,
      outcome: sql`CASE WHEN ${campaignMembers.outcome} = 'reactivated' THEN 'reactivated' ELSE 'confirmed' END`,
    })
    .where(and(eq(campaignMembers.id, campaignMemberId), isNull(campaignMembers.confirmedAt)))
    .run();
}

/** 'notified' (waiting for an answer) back to 'dormant': the campaign no longer waits on them. */
export function memberAnswered(tx: Tx, memberId: number, at: number) {
  tx.db
    .update(members)
    .set({ status: 'dormant', statusChangedAt: at })
    .where(and(eq(members.id, memberId), eq(members.status, 'notified')))
    .run();
}

export type NewLeaveRequest = { campaignMemberId: number; reason: LeaveReason | null; note: string | null; endsAt: number };

/**
 * Records "cancel now": the recipient's outcome becomes 'chose_to_leave' (their explicit answer wins
 * over an earlier view: they are cancelled, so they were not won back), and a leave request holds
 * the reason, the period end and the price, country and plan as at the answer.
 */
export function recordLeaveRequest(tx: Tx, r: NewLeaveRequest, at: number) {
  const row = tx.db
    .select({
      campaignId: campaignMembers.campaignId,
      variantId: campaignMembers.variantId,
      memberId: campaignMembers.memberId,
      priceMinor: members.priceMinor,
      currency: members.currency,
      country: members.country,
      plan: members.plan,
    })
    .from(campaignMembers)
    .innerJoin(members, eq(members.id, campaignMembers.memberId))
    .where(eq(campaignMembers.id, r.campaignMemberId))
    .get();
  if (!row) throw new Error('leave request for a missing recipient');
  tx.db
    .update(campaignMembers)
    .set({ confirmedAt: null, offerAccepted: false, outcome: 'chose_to_leave' })
    .where(eq(campaignMembers.id, r.campaignMemberId))
    .run();
  tx.db
    .insert(leaveRequests)
    .values({ ...row, campaignMemberId: r.campaignMemberId, reason: r.reason, note: r.note, requestedAt: at, endsAt: r.endsAt })
    .run();
  return row;
}
