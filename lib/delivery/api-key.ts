import { createHash, timingSafeEqual } from 'node:crypto';
import { config } from '@/lib/runtime/config';

/**
 * True when the request carries `Authorization: Bearer <INGEST_API_KEY>`. An empty configured key
 * disables the API (every call refused). Compared in constant time (hashes, so lengths match).
 */
export function hasApiKey(req: Request): boolean {
  const key = config().INGEST_API_KEY;
  if (!key) return false;
  const m = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '');
  if (!m?.[1]) return false;
  const a = createHash('sha256').update(m[1]).digest();
  const b = createHash('sha256').update(key).digest();
  return timingSafeEqual(a, b);
}

/**
 * As hasApiKey, and also HTTP Basic with the key as the password (any user name): SES (through an
 * SNS HTTPS subscription, `https://bounces:<key>@host/api/bounces/ses`) and Postmark webhooks can
 * send Basic credentials but not a bearer header.
 */
export function hasWebhookKey(req: Request): boolean {
  if (hasApiKey(req)) return true;
  const key = config().INGEST_API_KEY;
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.get('authorization') ?? '');
  if (!key || !m?.[1]) return false;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const a = createHash('sha256')
    .update(decoded.slice(colon + 1))
    .digest();
  const b = createHash('sha256').update(key).digest();
  return timingSafeEqual(a, b);
}

export const unauthorized = () =>
  Response.json({ error: 'Missing or wrong API key (Authorization: Bearer <key>).' }, { status: 401 });
