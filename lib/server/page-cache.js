// @ts-check
// The rendered-page cache of the production server (scripts/serve.js).
//
// A signed-in page is a function of its URL, the request's cookies and the database. An entry is
// stored with the database's data version read BEFORE the render began, and served only while the
// database is still at that version (any commit, by any connection or process, makes every entry a
// miss) and for at most `ttlMs` (pages also show the time: "as of", "days dormant"). So a hit is the
// page a render would produce now, give or take `ttlMs` of clock. Plain JS: the server loads it
// before Next, without a TypeScript loader.

/** Pages worth keeping: read-only views that many people open and that render slowly. */
const CACHEABLE_PATH = /^\/(overview|members|members\/\d+|campaigns|campaigns\/\d+|batches|batches\/\d+)$/;

/**
 * The cache key of a request and its session token, or null when it must always be rendered: only
 * plain GETs of the listed pages that carry a session cookie, never an RSC/prefetch/server-action request.
 * @param {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} req
 * @param {string} sessionCookie
 * @returns {{ key: string, token: string } | null}
 */
function cacheKey(req, sessionCookie) {
  if (req.method !== 'GET' || !req.url) return null;
  const h = req.headers;
  if (h.rsc || h['next-router-prefetch'] || h['next-router-state-tree'] || h['next-action']) return null;
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  if (!CACHEABLE_PATH.test(path)) return null;
  if (req.url.includes('_rsc=')) return null;
  const cookie = typeof h.cookie === 'string' ? h.cookie : '';
  const token = sessionToken(cookie, sessionCookie);
  if (!token) return null;
  return { key: JSON.stringify([req.url, cookie, h['accept-encoding'] ?? '', h.accept ?? '']), token };
}

/**
 * @param {string} cookieHeader
 * @param {string} name
 * @returns {string | null}
 */
function sessionToken(cookieHeader, name) {
  for (const part of cookieHeader.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim()) || null;
  }
  return null;
}

/**
 * Whether a finished response may be kept: a complete HTML page that sets no cookie.
 * @param {number} status
 * @param {Record<string, unknown>} headers lower-case names
 * @param {number} bytes
 * @param {number} maxBytes
 */
function isCacheableResponse(status, headers, bytes, maxBytes) {
  if (status !== 200 || bytes > maxBytes) return false;
  if (headers['set-cookie'] !== undefined) return false;
  const type = String(headers['content-type'] ?? '');
  return type.startsWith('text/html');
}

/**
 * @typedef {{ status: number, headers: Record<string, string | number | string[]>, body: Buffer }} CachedPage
 * @typedef {CachedPage & { version: string, storedAt: number }} Entry
 */

class PageCache {
  /** @param {{ ttlMs?: number, maxEntries?: number, maxBytes?: number }} [opts] */
  constructor(opts = {}) {
    this.ttlMs = opts.ttlMs ?? 5_000;
    this.maxEntries = opts.maxEntries ?? 64;
    this.maxBytes = opts.maxBytes ?? 2 * 1024 * 1024;
    /** @type {Map<string, Entry>} insertion order = least recently used first */
    this.entries = new Map();
    this.stats = { hits: 0, misses: 0, stored: 0 };
  }

  /**
   * The page stored under `key` if the database is still at its version and it is young enough.
   * @param {string} key @param {string} version @param {number} now
   * @returns {CachedPage | null}
   */
  get(key, version, now) {
    const e = this.entries.get(key);
    if (!e || e.version !== version || now - e.storedAt >= this.ttlMs) {
      if (e) this.entries.delete(key);
      this.stats.misses++;
      return null;
    }
    this.entries.delete(key); // refresh its place in the LRU order
    this.entries.set(key, e);
    this.stats.hits++;
    return e;
  }

  /**
   * Keeps a finished response rendered at `version` (read before the render began).
   * @param {string} key @param {string} version @param {number} now @param {CachedPage} page
   * @returns {boolean} whether it was kept
   */
  set(key, version, now, page) {
    const headers = Object.fromEntries(Object.entries(page.headers).map(([k, v]) => [k.toLowerCase(), v]));
    if (!isCacheableResponse(page.status, headers, page.body.length, this.maxBytes)) return false;
    this.entries.delete(key);
    this.entries.set(key, { ...page, headers, version, storedAt: now });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.stats.stored++;
    return true;
  }
}

module.exports = { PageCache, cacheKey, sessionToken, isCacheableResponse };
