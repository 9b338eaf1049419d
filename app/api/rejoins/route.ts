import { z } from 'zod';
import { API_ACTOR } from '@/db/audit';
import { getSqlite } from '@/db/client';
import { runUnitOfWork } from '@/db/unit-of-work';
import { hasBearer } from '@/lib/batches/bearer';
import { rejoinMember } from '@/lib/batches/rejoin';
import { Refusal } from '@/lib/domain/refusal';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';

// POST /api/rejoins — the streaming backend reports a cancelled member who came back.
// Bearer INGEST_API_KEY; JSON { account_id, rejoined_at? } (ms since epoch or ISO 8601; default now).
const body = z.object({
  account_id: z.string().trim().min(1, 'account_id is required').max(100),
  rejoined_at: z
    .union([z.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))])
    .optional(),
});

const STATUS: Record<string, number> = {
  not_found: 404,
  purged: 409,
  window_ended: 409,
  not_cancelled: 409,
  future: 400,
  before_cancellation: 400,
};

export async function POST(req: Request) {
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
  const at = now();
  try {
    const r = runUnitOfWork(getSqlite(), API_ACTOR, at, (uow) =>
      rejoinMember(uow, { accountId: parsed.data.account_id }, { rejoinedAt: parsed.data.rejoined_at ?? at, source: 'api' }),
    );
    return Response.json({ ok: true, member_id: r.memberId, already_rejoined: r.alreadyRejoined });
  } catch (err) {
    if (err instanceof Refusal) return Response.json({ error: err.message, code: err.code }, { status: STATUS[err.code] ?? 409 });
    console.error('[api/rejoins] failed:', err instanceof Error ? err.name : 'unknown');
    return Response.json({ error: 'Something went wrong; nothing was changed.' }, { status: 500 });
  }
}
