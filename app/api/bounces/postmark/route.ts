import { getSqlite } from '@/db/client';
import { hasWebhookKey, unauthorized } from '@/lib/delivery/api-key';
import { answerProviderPayload, readJsonBody } from '@/lib/delivery/bounce-api';
import { parsePostmark } from '@/lib/domain/delivery/bounce-payloads';
import { now } from '@/lib/runtime/clock';

// Postmark's bounce and spam-complaint webhooks, configured with Basic auth (any user name, the
// INGEST_API_KEY as password) or an `Authorization: Bearer <key>` custom header.
export async function POST(req: Request) {
  if (!hasWebhookKey(req)) return unauthorized();
  const body = await readJsonBody(req);
  if (!body.ok) return body.res;
  return answerProviderPayload(getSqlite(), now(), 'postmark', parsePostmark(body.json));
}
