import { memberConsentByAccount, setMemberConsent } from '@/db/next-season';
import type { UnitOfWork } from '@/db/unit-of-work';
import { Refusal } from '@/lib/domain/refusal';

/**
 * Records whether a member accepts win-back messages (the streaming backend reports an opt-out or
 * an opt-in). Idempotent: the same value again changes nothing and writes no audit entry. Refused
 * for an unknown account or a purged member. Next-season campaigns take and message only members
 * who consent; a recipient who opts out before the send is not messaged.
 */
export function setWinbackConsent(
  uow: UnitOfWork,
  accountId: string,
  consent: boolean,
): { memberId: number; consent: boolean; changed: boolean } {
  const m = memberConsentByAccount(uow.tx, accountId);
  if (!m) throw new Refusal(`No member has account id "${accountId}".`, { code: 'not_found' });
  if (m.purgedAt != null) throw new Refusal('This member was purged; nothing is kept to update.', { code: 'purged' });
  if (m.consent === consent) return { memberId: m.id, consent, changed: false };
  setMemberConsent(uow.tx, m.id, consent);
  uow.audit({
    action: 'member.winback_consent',
    entityType: 'member',
    entityId: m.id,
    before: { winbackConsent: m.consent },
    after: { winbackConsent: consent },
  });
  return { memberId: m.id, consent, changed: true };
}
