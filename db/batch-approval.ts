import 'server-only';
import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { batches, batchMembers, members } from './schema';
import type { Tx } from './unit-of-work';

// The four-eyes approval of a batch, inside the caller's transaction: submit, exclude members,
// approve or reject. Each change is a conditional UPDATE, so two callers at once (serialised by
// BEGIN IMMEDIATE) have the effect of one; the use case (lib/batches/approval.ts) reads why when
// nothing changed.

/** Submits a proposed batch, its submitter becoming the proposer; false when it was not 'proposed'. */
export function markSubmitted(tx: Tx, batchId: number, staffId: number, at: number): boolean {
  return (
    tx.db
      .update(batches)
      .set({ status: 'submitted', proposerId: staffId, submittedAt: at })
      .where(and(eq(batches.id, batchId), eq(batches.status, 'proposed')))
      .run().changes > 0
  );
}

/** One member of a batch, found by account id. */
export function batchMemberByAccount(tx: Tx, batchId: number, accountId: string) {
  return tx.db
    .select({ memberId: batchMembers.memberId, state: batchMembers.state })
    .from(batchMembers)
    .innerJoin(members, eq(members.id, batchMembers.memberId))
    .where(and(eq(batchMembers.batchId, batchId), eq(members.accountId, accountId)))
    .get();
}

/** Takes an included member out of the batch with the reason; the member is dormant again. */
export function markExcluded(tx: Tx, batchId: number, memberId: number, reason: string, at: number) {
  tx.db
    .update(batchMembers)
    .set({ state: 'excluded', reason, decidedAt: at })
    .where(and(eq(batchMembers.batchId, batchId), eq(batchMembers.memberId, memberId), eq(batchMembers.state, 'included')))
    .run();
  tx.db
    .update(members)
    .set({ status: 'dormant', statusChangedAt: at })
    .where(and(eq(members.id, memberId), eq(members.status, 'proposed')))
    .run();
}

/**
 * Records the decision on a submitted batch when the decider is not its proposer; false when the
 * batch was not 'submitted' any more or the decider proposed it.
 */
export function markDecided(
  tx: Tx,
  batchId: number,
  status: 'approved' | 'rejected',
  staffId: number,
  comment: string,
  at: number,
): boolean {
  return (
    tx.db
      .update(batches)
      .set({ status, decidedBy: staffId, decidedAt: at, decisionComment: comment })
      .where(
        and(
          eq(batches.id, batchId),
          eq(batches.status, 'submitted'),
          isNotNull(batches.proposerId),
          ne(batches.proposerId, staffId),
        ),
      )
      .run().changes > 0
  );
}

/** Nobody in a rejected batch is waiting for cancellation any more. */
export function releaseRejected(tx: Tx, batchId: number, at: number) {
  const included = tx.db
    .select({ id: batchMembers.memberId })
    .from(batchMembers)
    .where(and(eq(batchMembers.batchId, batchId), eq(batchMembers.state, 'included')));
  tx.db
    .update(members)
    .set({ status: 'dormant', statusChangedAt: at })
    .where(and(eq(members.status, 'proposed'), inArray(members.id, included)))
    .run();
}
