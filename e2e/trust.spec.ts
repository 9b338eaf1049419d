import { type APIRequestContext, type Browser, expect, request, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { NAV_ITEMS } from '../components/shell/nav-items';
import { hashPassword } from '../lib/auth/password';
import { as } from './helpers';

// Trust checks against the production build: server actions refuse the wrong role even when
// called below the UI, the session cookie's flags, security headers and a CSP the pages work
// under, and sign-in throttling as a person sees it.

const dbFile = () => process.env.E2E_DATABASE_URL as string;
function query<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(dbFile(), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

type CapturedAction = { path: string; headers: Record<string, string>; body: Buffer };

/** Fills the admin's "Add staff member" form and captures the server-action request it sends, without letting it through. */
async function captureStaffCreate(browser: Browser, email: string): Promise<CapturedAction> {
  const context = await browser.newContext({ storageState: as('admin') });
  const page = await context.newPage();
  await page.goto('/staff');
  let captured: CapturedAction | undefined;
  await page.route('**/staff', async (route) => {
    const req = route.request();
    const actionId = req.headers()['next-action'];
    if (req.method() === 'POST' && actionId) {
      const { cookie: _c, ...headers } = req.headers();
      captured = { path: new URL(req.url()).pathname, headers, body: req.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else await route.continue();
  });
  await page.getByLabel('Name', { exact: true }).fill('Trust Probe');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption('admin');
  await page.getByLabel('Initial password').fill('a-long-enough-password');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect.poll(() => captured !== undefined).toBe(true);
  await context.close();
  return captured as CapturedAction;
}

async function replay(ctx: APIRequestContext, a: CapturedAction) {
  return ctx.post(a.path, { headers: a.headers, data: a.body, maxRedirects: 0 });
}

test.describe('server actions below the UI', () => {
  test('an executive replaying the admin-only staff.create request is refused; the same request as admin works', async ({
    browser,
    baseURL,
  }) => {
    const email = `trust-probe-${Date.now()}@rekindle.local`;
    const action = await captureStaffCreate(browser, email);
    expect(action.headers['next-action']).toMatch(/^[0-9a-f]{20,}$/);
    const before = query<{ staff: number; audit: number }>(
      'SELECT (SELECT count(*) FROM staff) AS staff, (SELECT count(*) FROM audit_log) AS audit',
    );

    const exec = await request.newContext({ baseURL, storageState: as('exec') });
    const refused = await replay(exec, action);
    expect(refused.status()).toBeLessThan(500);
    // The action ran and its wrapper refused (the result travels in the RSC payload).
    expect(await refused.text()).toContain('Your role does not allow this action. Nothing was changed.');
    expect(query('SELECT count(*) AS n FROM staff WHERE email = ?', email)).toEqual({ n: 0 });
    expect(query('SELECT (SELECT count(*) FROM staff) AS staff, (SELECT count(*) FROM audit_log) AS audit')).toEqual(before);

    // An anonymous caller (no cookie at all) is refused too.
    const anonymous = await request.newContext({ baseURL });
    const anon = await replay(anonymous, action);
    expect(await anon.text()).toContain('Your session has ended. Sign in again.');
    expect(query('SELECT count(*) AS n FROM staff WHERE email = ?', email)).toEqual({ n: 0 });

    // Control: the captured request is a working call, so the refusals above were real refusals.
    const admin = await request.newContext({ baseURL, storageState: as('admin') });
    const ok = await replay(admin, action);
    expect(ok.status()).toBeLessThan(400);
    expect(query('SELECT role FROM staff WHERE email = ?', email)).toEqual({ role: 'admin' });
    await Promise.all([exec.dispose(), anonymous.dispose(), admin.dispose()]);
  });
});

test.describe('session cookie', () => {
  test('is httpOnly, SameSite=Lax and Secure in production', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill('cx@rekindle.local');
    await page.getByLabel('Password').fill('rekindle-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    const cookie = (await context.cookies()).find((c) => c.name === 'rk_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000);
    // Scripts on the page cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain('rk_session');
    await context.close();
  });
});

test.describe('sign-in throttling', () => {
  test('after six wrong passwords even the right one gets the locked message', async ({ page }) => {
    const email = `throttle-${Date.now()}@rekindle.local`;
    const db = new Database(dbFile());
    db.prepare(
      "INSERT INTO staff (email, name, role, password_hash, disabled, created_at, updated_at) VALUES (?, 'Throttle Probe', 'executive', ?, 0, ?, ?)",
    ).run(email, await hashPassword('right-password-123'), Date.now(), Date.now());
    db.close();
    await page.goto('/login');
    // Wait for each answer before typing again: the form resets when the action returns.
    const submit = async (password: string) => {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().headers()['next-action']),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      // React resets the form once the action's result is applied: wait for that before typing again.
      await expect(page.getByLabel('Password')).toHaveValue('');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    };
    for (let i = 0; i < 6; i++) {
      await submit(`wrong-${i}`);
      await expect(page.getByRole('alert').filter({ hasText: /Wrong email or password|Too many failed sign-ins/ })).toBeVisible();
    }
    await submit('right-password-123');
    await expect(
      page.getByRole('alert').filter({ hasText: /Too many failed sign-ins\. Try again in \d+ minutes?\./ }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.context().cookies()).some((c) => c.name === 'rk_session')).toBe(false);
  });
});

test.describe('security headers and CSP', () => {
  test.use({ storageState: as('admin') });

  const REQUIRED = {
    'content-security-policy': /default-src 'self'.*frame-ancestors 'none'/,
    'x-frame-options': /^DENY$/,
    'x-content-type-options': /^nosniff$/,
    'referrer-policy': /same-origin/,
  };

  test('every page sends the headers and runs with zero CSP violations or page errors', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text()))
        problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    const paths = ['/', '/login', ...NAV_ITEMS.map((n) => n.href)];
    // Detail pages: the first link of each list, where one exists.
    for (const list of ['/members', '/campaigns', '/batches']) {
      await page.goto(list);
      const href = await page
        .locator(`main a[href^="${list}/"]`)
        .first()
        .getAttribute('href', { timeout: 2_000 })
        .catch(() => null);
      if (href) paths.push(href);
    }
    for (const p of paths) {
      const res = await page.goto(p);
      expect(res, p).not.toBeNull();
      expect(res?.status(), p).toBeLessThan(400);
      const headers = await res?.allHeaders();
      for (const [name, pattern] of Object.entries(REQUIRED)) expect(headers?.[name], `${name} on ${p}`).toMatch(pattern);
      await page.waitForLoadState('networkidle');
    }
    expect(problems).toEqual([]);
  });
});
