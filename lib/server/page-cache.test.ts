import { describe, expect, it } from 'vitest';
import { cacheKey, PageCache } from './page-cache.js';

const COOKIE = 'rk_session';
const req = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({
  method,
  url,
  headers: { cookie: `${COOKIE}=abc`, ...headers },
});
const page = (over: Partial<{ status: number; headers: Record<string, string>; body: Buffer }> = {}) => ({
  status: 200,
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
  body: Buffer.from('<html>members</html>'),
  ...over,
});

describe('which requests may be served from the page cache', () => {
  it('keys signed-in GETs of the read-only pages by URL and cookies', () => {
    expect(cacheKey(req('/overview?country=US'), COOKIE)).not.toBeNull();
    expect(cacheKey(req('/members/12'), COOKIE)).not.toBeNull();
    expect(cacheKey(req('/members'), COOKIE)).not.toBe(cacheKey(req('/members?status=dormant'), COOKIE));
    expect(cacheKey(req('/members'), COOKIE)).not.toBe(cacheKey(req('/members', { cookie: `${COOKIE}=other` }), COOKIE));
  });

  it('always renders anonymous requests, other methods, other pages and client-router requests', () => {
    expect(cacheKey(req('/members', { cookie: '' }), COOKIE)).toBeNull();
    expect(cacheKey(req('/members', {}, 'POST'), COOKIE)).toBeNull();
    expect(cacheKey(req('/members', {}, 'HEAD'), COOKIE)).toBeNull();
    expect(cacheKey(req('/policy'), COOKIE)).toBeNull();
    expect(cacheKey(req('/overview/csv/dormant'), COOKIE)).toBeNull();
    expect(cacheKey(req('/members', { rsc: '1' }), COOKIE)).toBeNull();
    expect(cacheKey(req('/members?_rsc=x1'), COOKIE)).toBeNull();
    expect(cacheKey(req('/members', { 'next-action': 'abc' }), COOKIE)).toBeNull();
  });
});

describe('PageCache', () => {
  it('serves a page only while the database is at the version it was rendered from', () => {
    const c = new PageCache({ ttlMs: 5_000 });
    expect(c.set('k', '7', 1_000, page())).toBe(true);
    expect(c.get('k', '7', 2_000)?.body.toString()).toBe('<html>members</html>');
    expect(c.get('k', '8', 2_000)).toBeNull(); // any commit since: rendered again
    expect(c.get('k', '7', 2_000)).toBeNull(); // and the stale entry is gone
  });

  it('serves a page for at most its time to live', () => {
    const c = new PageCache({ ttlMs: 5_000 });
    c.set('k', '1', 1_000, page());
    expect(c.get('k', '1', 5_999)).not.toBeNull();
    expect(c.get('k', '1', 6_000)).toBeNull();
  });

  it('keeps only complete HTML pages that set no cookie', () => {
    const c = new PageCache();
    expect(c.set('a', '1', 0, page({ status: 307 }))).toBe(false);
    expect(c.set('b', '1', 0, page({ status: 500 }))).toBe(false);
    expect(c.set('c', '1', 0, page({ headers: { 'content-type': 'text/csv' } }))).toBe(false);
    expect(c.set('d', '1', 0, page({ headers: { 'content-type': 'text/html', 'Set-Cookie': 'x=1' } }))).toBe(false);
    expect(new PageCache({ maxBytes: 10 }).set('e', '1', 0, page())).toBe(false);
    expect(c.get('a', '1', 1)).toBeNull();
  });

  it('forgets the least recently used page beyond its size', () => {
    const c = new PageCache({ maxEntries: 2 });
    c.set('a', '1', 0, page());
    c.set('b', '1', 0, page());
    c.get('a', '1', 1); // a is now the most recent
    c.set('c', '1', 0, page());
    expect(c.get('b', '1', 1)).toBeNull();
    expect(c.get('a', '1', 1)).not.toBeNull();
    expect(c.get('c', '1', 1)).not.toBeNull();
  });
});
