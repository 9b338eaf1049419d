import { Refusal } from '@/lib/domain/refusal';
import type { BatchStatus } from '@/lib/domain/values';

// Why a step cannot be taken on a batch now: one message per situation, shown as is. A refused
// step changes nothing (the unit of work that raised it rolls back).

/** What the refusals read about a batch. */
export type BatchHead = {
  id: number;
  status: BatchStatus;
  proposerId: number | null;
  decidedBy: number | null;
  decidedAt: number | null;
};

/** Why a proposed batch could not be submitted; `proposer` names who submitted it first. */
export function submitRefusal(b: BatchHead, proposer: string): Refusal {
  return new Refusal(
    b.status === 'submitted'
      ? `This batch was already submitted by ${proposer}.`
      : `This batch is ${b.status}; only a proposed batch can be submitted.`,
    { code: 'not_proposed' },
  );
}

/** Why a decision cannot be taken on this batch now (the loser of a race reads this too); `decider` names who decided. */
export function decisionRefusal(b: BatchHead, actorId: number | null, decider: string): Refusal {
  if (b.status === 'proposed')
    return new Refusal('This batch has not been submitted for approval yet.', { code: 'not_submitted' });
  if (b.status !== 'submitted') {
    const when = b.decidedAt ? ` on ${new Date(b.decidedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
    return new Refusal(
      `This batch was already ${b.status === 'rejected' ? 'rejected' : 'approved'} by ${decider}${when}. Your decision was not recorded.`,
      { code: 'already_decided' },
    );
  }
  if (b.proposerId === actorId)
    return new Refusal('You submitted this batch, so another approver must decide it (four-eyes rule). Nothing was changed.', {
      code: 'own_batch',
    });
  return new Refusal('This batch cannot be decided now.', { code: 'refused' });
}

/** A decision needs its comment (approval) or reason (rejection). */
export function missingCommentRefusal(decision: 'approve' | 'reject'): Refusal {
  return new Refusal(decision === 'approve' ? 'Write a comment to approve.' : 'Write the reason for rejecting.', {
    code: 'comment',
  });
}

/** Why a batch in this status cannot be executed. */
export function executeRefusal(status: BatchStatus): Refusal {
  if (status === 'executed')
    return new Refusal('This batch has already been executed; nobody is cancelled twice.', { code: 'executed' });
  if (status === 'executing') return new Refusal('This batch is being executed right now.', { code: 'executing' });
  if (status === 'rejected') return new Refusal('This batch was rejected; it cannot be executed.', { code: 'rejected' });
  return new Refusal('This batch has not been approved; it cannot be executed yet.', { code: 'not_approved' });
}

/** Members can be taken out of a batch only before its decision. */
export function excludeRefusal(status: BatchStatus): Refusal {
  return new Refusal(`This batch is ${status}; members can only be excluded before the decision.`, { code: 'decided' });
}
