import { z } from 'zod';
import { API_ACTOR } from '@/db/audit';
import { getSqlite } from '@/db/client';
import { runUnitOfWork } from '@/db/unit-of-work';
import { hasBearer } from '@/lib/batches/bearer';
import { Refusal } from '@/lib/domain/refusal';
import { setLanguage } from '@/lib/members/language';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';

// PUT /api/members/language — the streaming backend reports the language a member chose.
// Bearer INGEST_API_KEY; JSON { account_id, language } with language a BCP 47 tag ("fr", "pt-BR").
const body = z.object({
  account_id: z.string().trim().min(1, 'account_id is required').max(100),
  language: z.string().max(40, 'language is too long'),
});

const STATUS: Record<string, number> = { not_found: 404, purged: 409, bad_language: 400 };

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
      setLanguage(uow, parsed.data.account_id, parsed.data.language),
    );
    return Response.json({ ok: true, member_id: r.memberId, language: r.language, changed: r.changed });
  } catch (err) {
    if (err instanceof Refusal)
      return Response.json(
        { error: err.message, code: err.code, fields: err.fieldErrors },
        { status: STATUS[err.code ?? ''] ?? 409 },
      );
    console.error('[api/members/language] failed:', err instanceof Error ? err.name : 'unknown');
    return Response.json({ error: 'Something went wrong; nothing was changed.' }, { status: 500 });
  }
}
