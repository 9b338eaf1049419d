import { memberLanguageByAccount, setMemberLanguage } from '@/db/member-language';
import type { UnitOfWork } from '@/db/unit-of-work';
import { parseLanguageTag } from '@/lib/domain/members/language';
import { Refusal } from '@/lib/domain/refusal';

/**
 * Sets a member's language (the streaming backend reports the one the member chose). Idempotent:
 * the same tag again changes nothing and writes no audit entry. Refused for an unknown account, a
 * purged member, or a tag that is not BCP 47.
 */
export function setLanguage(
  uow: UnitOfWork,
  accountId: string,
  rawTag: string,
): { memberId: number; language: string; changed: boolean } {
  const tag = parseLanguageTag(rawTag);
  if (!tag.ok) throw new Refusal(tag.reason, { code: 'bad_language', fieldErrors: { language: [tag.reason] } });
  const m = memberLanguageByAccount(uow.tx, accountId);
  if (!m) throw new Refusal(`No member has account id "${accountId}".`, { code: 'not_found' });
  if (m.purged) throw new Refusal('This member was purged; nothing is kept to update.', { code: 'purged' });
  if (m.language === tag.value) return { memberId: m.id, language: m.language, changed: false };
  setMemberLanguage(uow.tx, m.id, tag.value);
  uow.audit({
    action: 'member.language',
    entityType: 'member',
    entityId: m.id,
    before: { language: m.language },
    after: { language: tag.value },
  });
  return { memberId: m.id, language: tag.value, changed: true };
}
