import 'server-only';
import type Database from 'better-sqlite3';
import { and, asc, eq, isNull, lte, ne, sql } from 'drizzle-orm';
import { DAY_MS } from '@/lib/domain/time';
import { type Db, drizzleFor } from './client';
import { preparedQuery } from './prepared';
import { campaigns, leaveRequests, members, policyVersions } from './schema';
import type { Tx } from './unit-of-work';

// Leave requests ("cancel now" on the keep page): the ones whose period end has come, and carrying
// one out, inside the caller's transaction (lib/keep/cancel-chosen-to-leave.ts audits it).

/** Requests not yet carried out whose period end is at or before `at`, oldest first, with the policy's retention. */
export function dueLeaveRequests(tx: Tx, at: number) {
  return tx.db
    .select({
      campaignMemberId: leaveRequests.campaignMemberId,
      memberId: leaveRequests.memberId,
      endsAt: leaveRequests.endsAt,
      retentionDays: sql<number>`coalesce(${policyVersions.retentionDays}, 300)`,
    })
    .from(leaveRequests)
    .innerJoin(campaigns, eq(campaigns.id, leaveRequests.campaignId))
    .leftJoin(policyVersions, eq(policyVersions.id, campaigns.policyVersionId))
    .where(and(isNull(leaveRequests.cancelledAt), lte(leaveRequests.endsAt, at)))
    .orderBy(asc(leaveRequests.endsAt))
    .all();
}

/**
 * Cancels the member at their own request, dated at the period end (not when the job ran), with a
 * retention window as for a batch cancellation so a rejoin restores them. The status guard means
 * never twice; returns false when the member was already cancelled. The request is marked carried
 * out either way, with the member's cancellation time.
 */
export function carryOutLeaveRequest(
  tx: Tx,
  r: { campaignMemberId: number; memberId: number; endsAt: number; retentionDays: number },
  at: number,
): boolean {
  const cancelled =
    tx.db
      .update(members)
      .set({
        status: 'cancelled',
        statusChangedAt: at,
        cancelledAt: r.endsAt,
        cancelledBatchId: null,
        cancellationSource: 'member_request',
        retentionUntil: r.endsAt + r.retentionDays * DAY_MS,
      })
      .where(and(eq(members.id, r.memberId), ne(members.status, 'cancelled'), isNull(members.cancelledAt)))
      .run().changes > 0;
  tx.db
    .update(leaveRequests)
    .set({ cancelledAt: sql`coalesce((SELECT m.cancelled_at FROM ${members} m WHERE m.id = ${r.memberId}), ${r.endsAt})` })
    .where(and(eq(leaveRequests.campaignMemberId, r.campaignMemberId), isNull(leaveRequests.cancelledAt)))
    .run();
  return cancelled;
}

/** A member's latest leave request (the member page says "cancelled at own request" and why). */
export function latestLeaveRequest(sqlite: Database.Database, memberId: number) {
  return preparedQuery(drizzleFor(sqlite), latestLeaveQuery).get({ memberId });
}

// Read on every view of a member's page, so prepared once per connection.
function latestLeaveQuery(db: Db) {
  return db
    .select({
      campaignId: leaveRequests.campaignId,
      reason: leaveRequests.reason,
      requestedAt: leaveRequests.requestedAt,
      endsAt: leaveRequests.endsAt,
      cancelledAt: leaveRequests.cancelledAt,
    })
    .from(leaveRequests)
    .where(eq(leaveRequests.memberId, sql.placeholder('memberId')))
    .orderBy(sql`${leaveRequests.requestedAt} DESC`)
    .limit(1)
    .prepare();
}
