import type Database from 'better-sqlite3';
import { SYSTEM_ACTOR } from '@/db/audit';
import { carryOutLeaveRequest, dueLeaveRequests } from '@/db/leave-requests';
import { runUnitOfWork } from '@/db/unit-of-work';

/**
 * The period-end job: members who chose to leave on a keep page are cancelled, at their own request
 * (cancellation source 'member_request', never a batch), once the end of their paid month has come.
 * One transaction, audited as the system per member; idempotent (a second run finds nothing due).
 * A view after the answer does not stop it: the member asked to leave (docs/decisions/025-keep-answers.md).
 */
export function cancelChosenToLeave(sqlite: Database.Database, at: number): Record<string, number> {
  return runUnitOfWork(sqlite, SYSTEM_ACTOR, at, (uow) => {
    let cancelled = 0;
    let alreadyCancelled = 0;
    for (const r of dueLeaveRequests(uow.tx, at)) {
      if (!carryOutLeaveRequest(uow.tx, r, at)) {
        alreadyCancelled++;
        continue;
      }
      cancelled++;
      uow.audit({
        action: 'member.cancel_own_request',
        entityType: 'member',
        entityId: r.memberId,
        after: { status: 'cancelled', source: 'member_request', cancelledAt: r.endsAt, campaignMemberId: r.campaignMemberId },
      });
    }
    return { cancelled, alreadyCancelled };
  });
}
