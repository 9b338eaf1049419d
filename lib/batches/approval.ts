import 'server-only';
import { batchMemberByAccount, markDecided, markExcluded, markSubmitted, releaseRejected } from '@/db/batch-approval';
import { batchHead, staffLabel } from '@/db/batches';
import { queueSubmittedNotices } from '@/db/staff-notices';
import type { UnitOfWork } from '@/db/unit-of-work';
import { type ExclusionReason, exclusionText } from '@/lib/domain/batches/exclusions';
import { decisionRefusal, excludeRefusal, missingCommentRefusal, submitRefusal } from '@/lib/domain/batches/refusals';
import { Refusal } from '@/lib/domain/refusal';
import { PERMISSIONS } from '@/lib/domain/roles';

// The four-eyes approval of a cancellation batch: submit, exclude members, approve or reject.
// Each runs in the caller's unit of work (one BEGIN IMMEDIATE transaction) with its audit entry;
// a refusal is thrown before anything is written, or rolls the unit of work back.

/** The staff id of the caller: submitting and deciding are done by a signed-in staff member. */
function staffIdOf(uow: UnitOfWork): number {
  if (uow.actor.id == null) throw new Refusal('Your session has ended. Sign in again.');
  return uow.actor.id;
}

/**
 * A reviewed proposal is submitted for approval; the submitter becomes its proposer. Every other
 * active approver's email is queued in the same transaction (db/staff-notices.ts), so the submit
 * and its notices commit together, once; the sender emails them after the commit.
 */
export function submitBatch(uow: UnitOfWork, batchId: number) {
  const by = staffIdOf(uow);
  if (!markSubmitted(uow.tx, batchId, by, uow.now)) {
    const b = batchHead(uow.tx, batchId);
    throw submitRefusal(b, staffLabel(uow.tx, b.proposerId));
  }
  const notified = queueSubmittedNotices(uow.tx, batchId, by, PERMISSIONS['batches.decide'], uow.now);
  uow.audit({
    action: 'batch.submit',
    entityType: 'batch',
    entityId: batchId,
    before: { status: 'proposed' },
    after: { status: 'submitted', proposerId: by, approversNotified: notified },
  });
}

/** Takes one member out of a batch before the decision, with a reason. */
export function excludeMember(uow: UnitOfWork, batchId: number, accountId: string, reason: ExclusionReason, note: string) {
  const b = batchHead(uow.tx, batchId);
  if (b.status !== 'proposed' && b.status !== 'submitted') throw excludeRefusal(b.status);
  const row = batchMemberByAccount(uow.tx, batchId, accountId);
  if (!row) throw new Refusal(`Member ${accountId} is not in this batch. Nothing was changed.`, { code: 'not_in_batch' });
  if (row.state !== 'included') throw new Refusal(`Member ${accountId} is already excluded.`, { code: 'already_excluded' });
  markExcluded(uow.tx, batchId, row.memberId, exclusionText(reason, note), uow.now);
  uow.audit({
    action: 'batch.exclude_member',
    entityType: 'batch',
    entityId: batchId,
    after: { memberId: row.memberId, reason },
  });
}

/**
 * Approves or rejects a submitted batch. The conditional UPDATE (status still 'submitted', caller
 * not the proposer) inside the unit of work's BEGIN IMMEDIATE transaction makes two decisions at
 * once have the effect of one; the loser gets a Refusal naming who decided first.
 */
export function decideBatch(uow: UnitOfWork, batchId: number, decision: 'approve' | 'reject', comment: string) {
  if (!comment.trim()) throw missingCommentRefusal(decision);
  const by = staffIdOf(uow);
  const status = decision === 'approve' ? 'approved' : 'rejected';
  if (!markDecided(uow.tx, batchId, status, by, comment.trim(), uow.now)) {
    const b = batchHead(uow.tx, batchId);
    throw decisionRefusal(b, by, staffLabel(uow.tx, b.decidedBy));
  }
  if (decision === 'reject') releaseRejected(uow.tx, batchId, uow.now);
  uow.audit({
    action: `batch.${decision}`,
    entityType: 'batch',
    entityId: batchId,
    before: { status: 'submitted' },
    after: { status, comment: comment.trim() },
  });
}
