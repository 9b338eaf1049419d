import { z } from 'zod';
import { setLanguage } from '@/lib/members/language';
import { memberUpdateRoute } from '@/lib/members/member-update-route';

// PUT /api/members/language — the streaming backend reports the language a member chose.
// Bearer INGEST_API_KEY; JSON { account_id, language } with language a BCP 47 tag ("fr", "pt-BR").
export const PUT = memberUpdateRoute({
  name: 'api/members/language',
  body: z.object({
    account_id: z.string().trim().min(1, 'account_id is required').max(100),
    language: z.string().max(40, 'language is too long'),
  }),
  status: { not_found: 404, purged: 409, bad_language: 400 },
  run: (uow, b) => {
    const r = setLanguage(uow, b.account_id, b.language);
    return { member_id: r.memberId, language: r.language, changed: r.changed };
  },
});
