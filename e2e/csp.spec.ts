import { type APIRequestContext, expect, type Page, request, test } from '@playwright/test';
import { NAV_ITEMS } from '../components/shell/nav-items';
import { can, type Role } from '../lib/domain/roles';
import { signKeepToken } from '../lib/keep/keep-token';
import { e2eEnv } from '../playwright.config';
import { as, withDb } from './helpers';

// A strict Content-Security-Policy on every page: scripts run only with the request's nonce (or
// when loaded by such a script: 'strict-dynamic'), never as injected inline code. Each page's header
// is read as each role and signed out; every <script> the page sends must carry that nonce, and the
// pages must hydrate in Chromium with no CSP violation.

const SECRET = 'rekindle-dev-keep-link-secret-change-me'; // lib/runtime/config.ts default, used by the e2e server
const DAY = 86_400_000;
const ROLES: { role: Role; state: Parameters<typeof as>[0] }[] = [
  { role: 'admin', state: 'admin' },
  { role: 'cx_manager', state: 'cx' },
  { role: 'approver', state: 'approver' },
  { role: 'executive', state: 'exec' },
];

/** Keep links in each state the member can meet: open, already answered, expired, unreadable. */
function keepLinks(): string[] {
  const ids = withDb((db) => ({
    open: db
      .prepare(
        `SELECT cm.id FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
         WHERE c.status = 'awaiting_responses' AND cm.status = 'sent' AND cm.outcome = 'pending' LIMIT 1`,
      )
      .get() as { id: number } | undefined,
    answered: db
      .prepare(
        `SELECT cm.id FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
         WHERE c.status = 'awaiting_responses' AND cm.outcome = 'confirmed' LIMIT 1`,
      )
      .get() as { id: number } | undefined,
  }));
  const future = Date.now() + 7 * DAY;
  return [
    ...(ids.open ? [`/keep/${signKeepToken(ids.open.id, future, SECRET)}`] : []),
    ...(ids.answered ? [`/keep/${signKeepToken(ids.answered.id, future, SECRET)}`] : []),
    `/keep/${signKeepToken(ids.open?.id ?? 1, Date.now() - DAY, SECRET)}`,
    '/keep/not-a-token',
  ];
}

const PUBLIC_PAGES = [
  '/login',
  '/auth/refused?reason=no_role',
  '/auth/refused?reason=failed',
  '/forbidden',
  '/no-such-page',
  '/members/%E0%A4%A',
];

/** The signed-in pages a role can open: its navigation, the sub-pages, and the first detail page of each list. */
async function pagesOf(api: APIRequestContext, role: Role): Promise<string[]> {
  const pages = ['/', ...NAV_ITEMS.filter((n) => can(role, n.permission)).map((n) => n.href)];
  if (can(role, 'campaigns.edit')) pages.push('/campaigns/new', '/campaigns/suppression');
  if (can(role, 'simulator.use')) pages.push('/overview/simulator');
  for (const list of ['/members', '/campaigns', '/batches']) {
    if (!pages.includes(list)) continue;
    const html = await (await api.get(list)).text();
    const detail = new RegExp(`href="(${list}/\\d+)"`).exec(html)?.[1];
    if (detail) pages.push(detail, ...(list === '/campaigns' ? [`${detail}/outbox`] : []));
  }
  return pages;
}

/** Fails unless the page's policy is strict and every script it sends carries the policy's nonce. */
async function expectStrictPolicy(api: APIRequestContext, path: string, seen: Set<string>) {
  const res = await api.get(path, { maxRedirects: 0 });
  const policy = res.headers()['content-security-policy'] ?? '';
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(policy)?.[1] ?? '';
  expect(scriptSrc, `script-src of ${path}`).not.toBe('');
  expect(scriptSrc, `script-src of ${path}`).not.toContain("'unsafe-inline'");
  expect(scriptSrc, `script-src of ${path}`).not.toContain("'unsafe-eval'");
  expect(scriptSrc, `script-src of ${path}`).toContain("'strict-dynamic'");
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
  expect(nonce, `nonce in the policy of ${path}`).toBeTruthy();
  expect(seen.has(nonce as string), `nonce of ${path} was used before`).toBe(false);
  seen.add(nonce as string);
  if (res.status() >= 300 && res.status() < 400) return;
  const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, `scripts on ${path}`).toBeGreaterThan(0);
  const unsigned = scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`));
  expect(unsigned, `scripts without the nonce on ${path}`).toEqual([]);
}

test.describe('Content-Security-Policy', () => {
  test('every page, as every role and signed out, has a nonce-only script-src and scripts carrying the nonce', async () => {
    const seen = new Set<string>();
    const checked: string[] = [];
    for (const { role, state } of ROLES) {
      const api = await request.newContext({ baseURL: e2eEnv.baseURL, storageState: as(state) });
      for (const path of await pagesOf(api, role)) {
        await expectStrictPolicy(api, path, seen);
        checked.push(`${role} ${path}`);
      }
      await api.dispose();
    }
    const anonymous = await request.newContext({ baseURL: e2eEnv.baseURL });
    for (const path of [...PUBLIC_PAGES, ...keepLinks(), '/overview']) {
      await expectStrictPolicy(anonymous, path, seen);
      checked.push(`anonymous ${path}`);
    }
    await anonymous.dispose();
    expect(checked.length).toBeGreaterThan(40);
  });

  /** Collects CSP violations and page errors in the browser. */
  function watch(page: Page) {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text()))
        problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    return problems;
  }
  /** React has hydrated the page: its elements carry React's fiber keys once the scripts ran. */
  const hydrated = (page: Page, selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber')));

  test('pages hydrate in Chromium with no CSP violation: login, charts, forms, the keep page', async ({ browser }) => {
    const signedOut = await (await browser.newContext()).newPage();
    const problems = watch(signedOut);
    await signedOut.goto('/login');
    await expect.poll(() => hydrated(signedOut, 'form')).toBe(true);
    await signedOut.getByLabel('Email').fill('nobody@rekindle.local');
    await signedOut.getByLabel('Password').fill('wrong-password');
    await signedOut.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(signedOut.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
    const open = keepLinks()[0] as string;
    await signedOut.goto(open);
    await expect.poll(() => hydrated(signedOut, 'main, body > div')).toBe(true);

    for (const [state, path, selector] of [
      ['exec', '/overview', '.recharts-wrapper'],
      ['cx', '/campaigns/new', 'form'],
      ['admin', '/staff', 'form'],
      ['approver', '/batches', 'main'],
    ] as const) {
      const page = await (await browser.newContext({ storageState: as(state) })).newPage();
      const seen = watch(page);
      await page.goto(path);
      await expect(page.locator(selector).first()).toBeVisible();
      await expect.poll(() => hydrated(page, selector)).toBe(true);
      await page.waitForLoadState('networkidle');
      expect(seen, `${state} ${path}`).toEqual([]);
    }
    expect(problems).toEqual([]);
  });
});
