import { z } from 'zod';
import { API_ACTOR } from '@/db/audit';
import { getSqlite } from '@/db/client';
import { runUnitOfWork } from '@/db/unit-of-work';
import { hasBearer } from '@/lib/batches/bearer';
import { Refusal } from '@/lib/domain/refusal';
import { setWinbackConsent } from '@/lib/members/consent';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';

// PUT /api/members/consent — the streaming backend reports whether a member accepts win-back messages.
// Bearer INGEST_API_KEY; JSON { account_id, winback_consent } with winback_consent true or false.
const body = z.object({
  account_id: z.string().trim().min(1, 'account_id is required').max(100),
  winback_consent: z.boolean({ error: 'winback_consent must be true or false' }),
});

const STATUS: Record<string, number> = { not_found: 404, purged: 409 };

export async function PUT(req: Request) {
  if (!hasBearer(req, config().INGEST_API_KEY)) return Response.json({ error: 'Missing or wrong API key.' }, { status: 401 });
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    return Response.json({ error: 'The body must be JSON.' }, { status: 400 });
  }
  const parsed = body.safeParse(json);
  if (!parsed.success)
    return Response.json({ error: 'Invalid body.', fields: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  try {
    const r = runUnitOfWork(getSqlite(), API_ACTOR, now(), (uow) =>
      setWinbackConsent(uow, parsed.data.account_id, parsed.data.winback_consent),
    );
    return Response.json({ ok: true, member_id: r.memberId, winback_consent: r.consent, changed: r.changed });
  } catch (err) {
    if (err instanceof Refusal)
      return Response.json({ error: err.message, code: err.code }, { status: STATUS[err.code ?? ''] ?? 409 });
    console.error('[api/members/consent] failed:', err instanceof Error ? err.name : 'unknown');
    return Response.json({ error: 'Something went wrong; nothing was changed.' }, { status: 500 });
  }
}
