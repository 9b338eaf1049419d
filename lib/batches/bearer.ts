import { createHash, timingSafeEqual } from 'node:crypto';

/** True when the request carries `Authorization: Bearer <key>` and key is non-empty (constant-time compare). */
export function hasBearer(req: Request, key: string): boolean {
  if (!key) return false;
  const m = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '');
  if (!m) return false;
  const a = createHash('sha256').update(m[1]!).digest();
  const b = createHash('sha256').update(key).digest();
  return timingSafeEqual(a, b);
}
