import { z } from 'zod';
import { setWinbackConsent } from '@/lib/members/consent';
import { memberUpdateRoute } from '@/lib/members/member-update-route';

// PUT /api/members/consent — the streaming backend reports whether a member accepts win-back messages.
// Bearer INGEST_API_KEY; JSON { account_id, winback_consent } with winback_consent true or false.
export const PUT = memberUpdateRoute({
  name: 'api/members/consent',
  body: z.object({
    account_id: z.string().trim().min(1, 'account_id is required').max(100),
    winback_consent: z.boolean({ error: 'winback_consent must be true or false' }),
  }),
  status: { not_found: 404, purged: 409 },
  run: (uow, b) => {
    const r = setWinbackConsent(uow, b.account_id, b.winback_consent);
    return { member_id: r.memberId, winback_consent: r.consent, changed: r.changed };
  },
});
