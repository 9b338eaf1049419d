// Types of page-cache.js (plain JS so the server can load it before Next, without a TypeScript loader).
type Headers = Record<string, string | string[] | undefined>;
export type CachedPage = { status: number; headers: Record<string, string | number | string[]>; body: Buffer };
export function cacheKey(
  req: { method?: string; url?: string; headers: Headers },
  sessionCookie: string,
): { key: string; token: string } | null;
export function sessionToken(cookieHeader: string, name: string): string | null;
export function isCacheableResponse(status: number, headers: Record<string, unknown>, bytes: number, maxBytes: number): boolean;
export class PageCache {
  constructor(opts?: { ttlMs?: number; maxEntries?: number; maxBytes?: number });
  readonly ttlMs: number;
  stats: { hits: number; misses: number; stored: number };
  get(key: string, version: string, now: number): CachedPage | null;
  set(key: string, version: string, now: number, page: CachedPage): boolean;
}
