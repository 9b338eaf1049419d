import 'server-only';
import { eraseMemberData, memberPurgedAt, purgeExpiredMembers } from '@/db/retention';
import type { UnitOfWork } from '@/db/unit-of-work';
import { Refusal } from '@/lib/domain/refusal';

/** Anonymises every cancelled member whose retention window has ended, in the caller's unit of work. Idempotent. */
export function purgeExpired(uow: UnitOfWork): { purged: number; messagesErased: number } {
  const r = purgeExpiredMembers(uow.tx, uow.now, uow.actor.label);
  uow.audit({ action: 'retention.purge', entityType: 'members', after: r });
  return r;
}

/**
 * Honours a member's request to erase their personal data, at once, wherever it is kept (the
 * member row, rendered messages and notices). The audit entry holds no erased value: audit entries
 * name members by id only (decision 018), so none needs changing.
 */
export function eraseMember(uow: UnitOfWork, memberId: number) {
  const purgedAt = memberPurgedAt(uow.tx, memberId);
  if (purgedAt === undefined) throw new Refusal('There is no such member.', { code: 'not_found' });
  if (purgedAt !== null) throw new Refusal('This member’s personal data was already erased.', { code: 'already_erased' });
  const messagesErased = eraseMemberData(uow.tx, memberId, uow.now);
  uow.audit({
    action: 'member.erase',
    entityType: 'member',
    entityId: memberId,
    after: { erased: ['email', 'display_name', 'messages'], messagesErased },
  });
}
