import { z } from 'zod';
import { API_ACTOR } from '@/db/audit';
import { getSqlite } from '@/db/client';
import { runUnitOfWork } from '@/db/unit-of-work';
import { hasApiKey, unauthorized } from '@/lib/delivery/api-key';
import { acknowledgeNotice } from '@/lib/delivery/notices';
import { now } from '@/lib/runtime/clock';

// The streaming app showed a notice: the recipient counts as sent at this moment. Idempotent —
// acknowledging again changes nothing and reports the first acknowledgement.
const body = z.object({
  messageId: z.number().int().positive(),
  accountId: z.string().trim().min(1).max(64).optional(),
});

export async function POST(req: Request) {
  if (!hasApiKey(req)) return unauthorized();
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    return Response.json({ error: 'The body must be JSON: { "messageId": <number> }.' }, { status: 400 });
  }
  const parsed = body.safeParse(json);
  if (!parsed.success)
    return Response.json(
      { error: 'The body must be { "messageId": <positive integer>, "accountId"?: <string> }.' },
      { status: 400 },
    );
  const input = parsed.data;
  const r = runUnitOfWork(getSqlite(), API_ACTOR, now(), (uow) => acknowledgeNotice(uow, input));
  switch (r.kind) {
    case 'acknowledged':
      return Response.json({ acknowledged: true, alreadyAcknowledged: false, sentAt: r.sentAt });
    case 'already':
      return Response.json({ acknowledged: true, alreadyAcknowledged: true, sentAt: r.sentAt });
    case 'not_found':
      return Response.json({ error: 'No in-app notice with that id for that member.' }, { status: 404 });
    case 'withdrawn':
      return Response.json(
        { error: 'This notice is no longer shown (campaign paused or ended, or the member may not be contacted).' },
        { status: 409 },
      );
  }
}
