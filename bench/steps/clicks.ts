import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../lib/browser';
import { percentile } from '../lib/measure';
import { fmtMs, judge, measured, notAvailable, type Row } from '../lib/table';

// Click → heading in Chromium along one fixed path through the app, as a person clicks it: from
// the click event to the moment the next page's heading is in the document (and the address bar
// shows its path), both taken inside the page. Each round starts from a full load of /overview,
// so the client router's cache never carries a page over from the previous round.

const TARGET_MS = 200; // p95, the figure at 5M members

type Hop = { label: string; nav?: string; linkPattern?: RegExp };
const PATH: Hop[] = [
  { label: 'Overview → Members', nav: 'Members' },
  { label: 'Members → a member', linkPattern: /^\/members\/\d+$/ },
  { label: 'a member → Campaigns', nav: 'Campaigns' },
  { label: 'Campaigns → a report', linkPattern: /^\/campaigns\/\d+$/ },
  { label: 'a report → Batches', nav: 'Batches' },
  { label: 'Batches → a batch', linkPattern: /^\/batches\/\d+$/ },
];

// Runs in the page; a string, so the bench's TypeScript loader cannot wrap its inner functions in
// helpers the page does not have.
const ARM_HOP = `({ path, prev }) => {
  window.__hop = new Promise((resolve) => {
    let clickedAt = null;
    document.addEventListener('click', () => { clickedAt = performance.now(); }, { capture: true, once: true });
    let obs;
    const check = () => {
      const h = document.querySelector('h1')?.textContent ?? '';
      if (clickedAt === null || location.pathname !== path || !h || h === prev) return false;
      obs.disconnect();
      resolve(performance.now() - clickedAt);
      return true;
    };
    obs = new MutationObserver(check);
    obs.observe(document, { subtree: true, childList: true, characterData: true });
    const frame = () => { if (!check()) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  });
}`;

/** The first link in the page's main content whose href matches, or null. */
async function linkIn(page: Page, pattern: RegExp): Promise<string | null> {
  return page.evaluate(
    (src) =>
      [...document.querySelectorAll('main a[href]')]
        .map((a) => a.getAttribute('href') ?? '')
        .find((h) => new RegExp(src).test(h)) ?? null,
    pattern.source,
  );
}

/** Clicks `hop`'s link and returns ms from the click event to the next page's heading. */
async function timeHop(page: Page, hop: Hop): Promise<number> {
  const href = hop.linkPattern ? await linkIn(page, hop.linkPattern) : null;
  if (hop.linkPattern && !href) throw new Error(`no link for “${hop.label}” on ${new URL(page.url()).pathname}`);
  const link = hop.nav
    ? page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: hop.nav, exact: true })
    : page.locator(`main a[href="${href}"]`).first();
  const target = hop.nav ? ((await link.getAttribute('href')) as string) : (href as string);
  await link.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => document.querySelector('h1')?.textContent ?? '');
  // Armed before the click: the click's instant, then the first frame or mutation with the new heading.
  await page.evaluate(`(${ARM_HOP})(${JSON.stringify({ path: target, prev: before })})`);
  await link.click();
  return page.evaluate(() => (window as unknown as { __hop: Promise<number> }).__hop);
}

/** `rounds` walks of PATH, signed in with `cookie` ("name=value"); a row per hop and one over all hops. */
export async function benchClicks(base: string, cookie: string, rounds: number, log: (m: string) => void): Promise<Row[]> {
  const step = (label: string) => `Click → heading in Chromium: ${label}`;
  const target = `p95 < ${TARGET_MS} ms`;
  const [name, value] = cookie.split('=') as [string, string];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const times = PATH.map(() => [] as number[]);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    // One walk first, not counted: the browser's first fetch of each route's scripts.
    for (let r = -1; r < rounds; r++) {
      await page.goto(`${base}/overview`, { waitUntil: 'networkidle' });
      for (const [i, hop] of PATH.entries()) {
        const ms = await timeHop(page, hop);
        if (r >= 0) times[i]?.push(ms);
      }
    }
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return [notAvailable(step('the fixed path'), `could not walk the path: ${msg}`, target)];
  } finally {
    await browser.close();
  }
  const row = (label: string, samples: number[], note: string): Row => {
    const sorted = [...samples].sort((a, b) => a - b);
    const p95 = percentile(sorted, 95);
    return {
      step: step(label),
      ...measured('page', p95),
      result: `p50 ${fmtMs(percentile(sorted, 50))} · p95 ${fmtMs(p95)}`,
      target,
      status: judge(p95, TARGET_MS),
      note,
    };
  };
  const rows = PATH.map((hop, i) => row(hop.label, times[i] ?? [], `${rounds} rounds`));
  rows.push(
    row(
      `the whole path (${PATH.length} clicks)`,
      times.flat(),
      `${rounds} rounds of overview → members → a member → campaigns → a report → batches → a batch, each from a full load of /overview (the router cache empty), after one walk not counted; from the click event to the next page's <h1> in the document with its path in the address bar, timed in the page`,
    ),
  );
  for (const r of rows) log(`${r.step}: ${r.result}`);
  return rows;
}
