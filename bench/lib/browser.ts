import { chromium } from '@playwright/test';

// What Chromium itself sends, captured once per run, so the HTTP rows replay the requests a
// browser makes rather than ones we imagine: the document request of a full page load, and the
// RSC request of a client-side navigation (headers, and the `_rsc` cache-busting parameter Next
// checks against them).

export type Captured = { path: string; headers: Record<string, string> };
export type BrowserRequests = {
  /** Request headers of a full load of a signed-in page (cookie and host left out). */
  document: Record<string, string>;
  /** Per target path: the RSC request a client-side navigation from /overview to it sends. */
  navigations: Map<string, Captured>;
  /** Per target path: requests Chromium sent during one full load of it (till the network is idle), by kind. */
  fullLoadRequests: Map<string, Record<string, number>>;
};

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const PER_REQUEST = ['cookie', 'host', 'content-length'];
const strip = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !PER_REQUEST.includes(k.toLowerCase()) && !k.startsWith(':')));

function kindOf(headers: Record<string, string>, url: string): string {
  if (headers.rsc === '1') return headers['next-router-prefetch'] ? 'rsc prefetch' : 'rsc';
  if (url.includes('/_next/')) return 'static';
  return 'document';
}

/** Opens /overview signed in (session cookie `cookie` = "name=value") and navigates client-side to each path. */
export async function captureBrowserRequests(base: string, cookie: string, paths: string[]): Promise<BrowserRequests> {
  const [name, value] = cookie.split('=') as [string, string];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext();
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const first = await page.goto(`${base}/overview`, { waitUntil: 'networkidle' });
    if (first?.status() !== 200 || !first.url().endsWith('/overview'))
      throw new Error(`Chromium could not open /overview signed in (${first?.status()} ${first?.url()})`);
    const document = strip(await first.request().allHeaders());
    // What one full load costs the server beyond its document: Next's router prefetches the
    // routes of the links in view. Counted on a fresh page each time (no router cache).
    const fullLoadRequests = new Map<string, Record<string, number>>();
    for (const path of paths) {
      const fresh = await context.newPage();
      const seen: Record<string, number> = {};
      fresh.on('request', (r) => {
        const k = kindOf(r.headers(), r.url());
        seen[k] = (seen[k] ?? 0) + 1;
      });
      await fresh.goto(base + path, { waitUntil: 'networkidle' });
      await fresh.close();
      fullLoadRequests.set(path, seen);
    }
    const navigations = new Map<string, Captured>();
    for (const path of paths) {
      await page.goto(`${base}/overview`, { waitUntil: 'networkidle' });
      const pathname = path.split('?')[0];
      // Both at once: if the push fails, its error is the one reported (not a dangling wait).
      const [r] = await Promise.all([
        page.waitForRequest((r) => {
          const h = r.headers();
          return h.rsc === '1' && !h['next-router-prefetch'] && new URL(r.url()).pathname === pathname;
        }),
        page.evaluate((p) => {
          const w = window as unknown as { next?: { router?: { push: (href: string) => void } } };
          if (!w.next?.router) throw new Error('window.next.router is missing');
          w.next.router.push(p);
        }, path),
      ]);
      const url = new URL(r.url());
      navigations.set(path, { path: url.pathname + url.search, headers: strip(await r.allHeaders()) });
      await page.waitForURL((u) => u.pathname === pathname, { timeout: 30_000 });
    }
    return { document, navigations, fullLoadRequests };
  } finally {
    await browser.close();
  }
}

/** "3 rsc prefetch, 21 static requests": what Chromium sent for one full load besides the document. */
export function requestCounts(browser: BrowserRequests, path: string): string {
  const seen = browser.fullLoadRequests.get(path) ?? {};
  const parts = Object.entries(seen)
    .filter(([k]) => k !== 'document')
    .map(([k, n]) => `${n} ${k}`);
  return parts.length ? `${parts.join(', ')} requests` : 'no other request';
}
