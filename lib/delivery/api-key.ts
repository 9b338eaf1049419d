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

export const unauthorized = () =>
  Response.json({ error: 'Missing or wrong API key (Authorization: Bearer <key>).' }, { status: 401 });
