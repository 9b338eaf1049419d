import { type Browser, expect, type Page, test } from '@playwright/test';
import { e2eEnv } from '../playwright.config';
import { withDb } from './helpers';
import {
  type Directory,
  directoryFile,
  INITIAL_DIRECTORY,
  OIDC_PROVIDER_NAME,
  readDirectory,
  writeDirectory,
} from './oidc-users';

// Staff sign in through a real OpenID Connect provider (e2e/oidc-provider.ts: authorization code +
// PKCE, its own login form): the directory's groups decide the Rekindle role at every sign-in, a
// person in no mapped group is refused, and a role taken away ends the sessions opened under it.

const file = directoryFile(e2eEnv.oidcPort);
const setGroups = (login: string, groups: string[]) => {
  const directory: Directory = readDirectory(file);
  directory[login] = { ...(directory[login] as Directory[string]), groups };
  writeDirectory(file, directory);
};
type StaffRow = { id: number; role: string; oidc_subject: string | null };
const staffRow = (email: string) =>
  withDb((db) => db.prepare('SELECT id, role, oidc_subject FROM staff WHERE email = ?').get(email)) as StaffRow | undefined;
const auditActions = (staffId: number) =>
  withDb((db) =>
    db.prepare("SELECT action FROM audit_log WHERE entity_type = 'staff' AND entity_id = ? ORDER BY id").all(String(staffId)),
  ).map((r) => (r as { action: string }).action);

/** A fresh browser (no provider session): "Sign in with Acme ID", then the provider's own login form. */
async function signInThroughProvider(browser: Browser, login: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await page.getByRole('link', { name: `Sign in with ${OIDC_PROVIDER_NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${e2eEnv.oidcPort}/`));
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('directory-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  return page;
}

const role = (page: Page) => page.locator('aside p.rounded');
const navLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

test.describe('sign-in with the company identity provider', () => {
  test.beforeAll(() => writeDirectory(file, INITIAL_DIRECTORY));

  test('the login page offers the provider first and keeps the password form for the demo', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('link', { name: `Sign in with ${OIDC_PROVIDER_NAME}` })).toBeVisible();
    await expect(page.getByLabel('Password')).toBeVisible();
    await page.screenshot({ path: 'test-results/oidc-login.png' });
  });

  test('an admin-group member lands as admin, a CX-group member as CX manager, each created on first sign-in', async ({
    browser,
  }) => {
    const ada = await signInThroughProvider(browser, 'ada.sso');
    await expect(ada.getByTestId('signed-in-name')).toHaveText('Ada Directory');
    await expect(role(ada)).toHaveText('Admin');
    await expect(navLink(ada, 'Staff')).toBeVisible();
    expect(staffRow('ada.sso@acme.test')).toMatchObject({
      role: 'admin',
      oidc_subject: `http://127.0.0.1:${e2eEnv.oidcPort} ada.sso`,
    });

    const carl = await signInThroughProvider(browser, 'carl.sso');
    await expect(carl.getByTestId('signed-in-name')).toHaveText('Carl Directory');
    await expect(role(carl)).toHaveText('CX manager');
    await expect(navLink(carl, 'Campaigns')).toBeVisible();
    await expect(navLink(carl, 'Staff')).toHaveCount(0);
    expect((await carl.goto('/staff'))?.status()).toBe(403);
    const carlRow = staffRow('carl.sso@acme.test') as StaffRow;
    expect(auditActions(carlRow.id)).toEqual(['staff.create', 'auth.sign_in']);
  });

  test('a member of no Rekindle group is refused with a page that says why, and no account is made', async ({ browser }) => {
    const nora = await signInThroughProvider(browser, 'nora.sso');
    await expect(nora.getByRole('heading', { name: 'Your account has no Rekindle role' })).toBeVisible();
    await nora.screenshot({ path: 'test-results/oidc-refused.png' });
    expect((await nora.context().cookies()).some((c) => c.name === 'rk_session')).toBe(false);
    await nora.goto('/overview');
    await expect(nora).toHaveURL(/\/login$/);
    expect(staffRow('nora.sso@acme.test')).toBeUndefined();
  });

  test('the directory changes a role at the next sign-in, and taking every group away refuses and signs out', async ({
    browser,
  }) => {
    // Carl is signed in as CX manager (his earlier session stays open in this browser).
    const asCx = await signInThroughProvider(browser, 'carl.sso');
    await expect(role(asCx)).toHaveText('CX manager');

    // The directory moves him to the admins: his next sign-in makes him admin, the CX session ends.
    setGroups('carl.sso', ['everyone', 'rekindle-admins']);
    const asAdmin = await signInThroughProvider(browser, 'carl.sso');
    await expect(role(asAdmin)).toHaveText('Admin');
    await expect(navLink(asAdmin, 'Staff')).toBeVisible();
    await asCx.goto('/campaigns');
    await expect(asCx).toHaveURL(/\/login$/);

    // Every Rekindle group taken away: refused on the next sign-in, and the admin session ends too.
    setGroups('carl.sso', ['everyone']);
    const refused = await signInThroughProvider(browser, 'carl.sso');
    await expect(refused.getByRole('heading', { name: 'Your account has no Rekindle role' })).toBeVisible();
    await asAdmin.goto('/staff');
    await expect(asAdmin).toHaveURL(/\/login$/);

    const carl = staffRow('carl.sso@acme.test') as StaffRow;
    expect(auditActions(carl.id).slice(-4)).toEqual([
      'auth.sign_in',
      'staff.change_role',
      'auth.sign_in',
      'auth.sign_in_refused',
    ]);
  });
});
