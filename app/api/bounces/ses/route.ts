import { getSqlite } from '@/db/client';
import { hasWebhookKey, unauthorized } from '@/lib/delivery/api-key';
import { answerProviderPayload, readJsonBody } from '@/lib/delivery/bounce-api';
import { parseSesSns } from '@/lib/domain/delivery/bounce-payloads';
import { now } from '@/lib/runtime/clock';

// Amazon SES bounce and complaint notifications, delivered by an SNS HTTPS subscription to
// https://bounces:<INGEST_API_KEY>@<host>/api/bounces/ses (SNS sends the user info as Basic auth).
// SNS posts JSON as text/plain. A SubscriptionConfirmation is kept, not fetched (README).
export async function POST(req: Request) {
  if (!hasWebhookKey(req)) return unauthorized();
  const body = await readJsonBody(req);
  if (!body.ok) return body.res;
  const parsed = parseSesSns(body.json, req.headers.get('x-amz-sns-message-type'));
  return answerProviderPayload(getSqlite(), now(), 'ses', parsed);
}
