import 'server-only';
import { attributedCampaign } from '@/db/next-season';
import { lastRejoinId, memberCancellation, restoreMember } from '@/db/rejoins';
import type { UnitOfWork } from '@/db/unit-of-work';
import { checkRejoin } from '@/lib/domain/batches/eligibility';
import { Refusal } from '@/lib/domain/refusal';

export type RejoinResult = { memberId: number; rejoinId: number; alreadyRejoined: boolean };

/**
 * Restores a member cancelled by Rekindle who comes back within the retention window: status
 * 'active' again with the history kept, cancellation fields cleared, and a rejoins row with the
 * price at cancellation (the charts count it). A purged member, or a rejoin after the window, is
 * refused. A repeated API call for a member already restored answers alreadyRejoined.
 * A next-season message sent within the attribution window before the rejoin is recorded on it.
 * Runs in the caller's unit of work; the rejoins row names its actor.
 */
export function rejoinMember(
  uow: UnitOfWork,
  by: { memberId: number } | { accountId: string },
  opts: { rejoinedAt: number; source: 'cx' | 'api' },
): RejoinResult {
  const m = memberCancellation(uow.tx, by);
  if (!m) throw new Refusal('There is no member with that account id.', { code: 'not_found' });
  const check = checkRejoin(m, opts.rejoinedAt, uow.now);
  if (!check.ok) {
    if (check.code === 'not_cancelled') {
      const last = lastRejoinId(uow.tx, m.id);
      if (last !== undefined && m.status !== 'cancelled') return { memberId: m.id, rejoinId: last, alreadyRejoined: true };
    }
    throw new Refusal(check.message, { code: check.code });
  }
  const cancelledAt = m.cancelledAt;
  if (cancelledAt == null) throw new Error('a member passed checkRejoin without a cancellation time');
  const nextSeasonCampaignId = attributedCampaign(uow.tx, m.id, opts.rejoinedAt);
  const rejoinId = restoreMember(uow.tx, {
    memberId: m.id,
    batchId: m.cancelledBatchId,
    cancelledAt,
    rejoinedAt: opts.rejoinedAt,
    source: opts.source,
    by: uow.actor.label,
    nextSeasonCampaignId,
  });
  uow.audit({
    action: 'member.rejoin',
    entityType: 'member',
    entityId: m.id,
    before: { status: 'cancelled', cancelledAt: m.cancelledAt, batchId: m.cancelledBatchId },
    after: { status: 'active', rejoinedAt: opts.rejoinedAt, source: opts.source, nextSeasonCampaignId },
  });
  return { memberId: m.id, rejoinId, alreadyRejoined: false };
}
