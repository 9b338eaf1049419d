import 'server-only';
import { eraseMemberData, memberPurgedAt, purgeExpiredMembers } from '@/db/retention';
import type { UnitOfWork } from '@/db/unit-of-work';
import { Refusal } from '@/lib/domain/refusal';

/** Anonymises every cancelled member whose retention window has ended, in the caller's unit of work. Idempotent. */
export function purgeExpired(uow: UnitOfWork): { purged: number } {
  const purged = purgeExpiredMembers(uow.tx, uow.now, uow.actor.label);
  uow.audit({ action: 'retention.purge', entityType: 'members', after: { purged } });
  return { purged };
}

/** Honours a member's request to erase their personal data, at once. The audit entry holds no erased value. */
export function eraseMember(uow: UnitOfWork, memberId: number) {
  const purgedAt = memberPurgedAt(uow.tx, memberId);
  if (purgedAt === undefined) throw new Refusal('There is no such member.', { code: 'not_found' });
  if (purgedAt !== null) throw new Refusal('This member’s personal data was already erased.', { code: 'already_erased' });
  eraseMemberData(uow.tx, memberId, uow.now);
  uow.audit({
    action: 'member.erase',
    entityType: 'member',
    entityId: memberId,
    after: { erased: ['email', 'display_name'] },
  });
}
