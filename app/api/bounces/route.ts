import { z } from 'zod';
import { getSqlite } from '@/db/client';
import { hasApiKey, unauthorized } from '@/lib/delivery/api-key';
import { genericBounce, readJsonBody, recordReports, resultBody, timeProblem } from '@/lib/delivery/bounce-api';
import { now } from '@/lib/runtime/clock';

// A bounce or complaint from any mail provider, in our own shape (API key):
// { "messageId": "<rekindle.c1.r2@…>" | "address": "a@b", "type": "hard"|"soft"|"complaint",
//   "time"?: ISO 8601 or epoch ms, "reason"?: "550 5.1.1 …" }.
export async function POST(req: Request) {
  if (!hasApiKey(req)) return unauthorized();
  const body = await readJsonBody(req);
  if (!body.ok) return body.res;
  const parsed = genericBounce.safeParse(body.json);
  if (!parsed.success)
    return Response.json(
      {
        error:
          'The body must be { "messageId" or "address", "type": "hard" | "soft" | "complaint", "time"?: ISO 8601 or epoch ms, "reason"?: text }. Nothing was stored.',
        fieldErrors: z.flattenError(parsed.error).fieldErrors,
        formErrors: z.flattenError(parsed.error).formErrors,
      },
      { status: 400 },
    );
  const at = now();
  const b = parsed.data;
  const occurredAt = b.time ?? at;
  const late = timeProblem(occurredAt, at);
  if (late) return Response.json({ error: `${late} Nothing was stored.` }, { status: 400 });
  const [result] = recordReports(
    getSqlite(),
    at,
    [{ source: 'api', type: b.type, messageId: b.messageId, address: b.address, occurredAt, detail: b.reason ?? '' }],
    'refuse',
  );
  if (!result || (result.kind === 'unmatched' && !result.recorded))
    return Response.json({ error: 'No email of ours matches that messageId or address. Nothing was stored.' }, { status: 404 });
  return Response.json(resultBody(result));
}
