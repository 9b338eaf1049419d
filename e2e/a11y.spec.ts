import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { signKeepToken } from '../lib/keep/keep-token';
import { as, withDb } from './helpers';
import { openFully, ROLES, signedInPages } from './pages';

// axe-core on every page, for every role that can reach it, with the number tables opened: no
// violation of any rule axe runs by default (WCAG 2.x A and AA, and its best practices).

async function violations(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`)
        .join('\n')}`,
  );
}

for (const who of ROLES) {
  test(`every page ${who} can reach has no axe violations`, async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext({ storageState: as(who), viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const found: string[] = [];
    for (const p of signedInPages().filter((p) => p.roles.includes(who))) {
      await openFully(page, p.path);
      found.push(...(await violations(page, `${p.name} (${p.path}) as ${who}`)));
    }
    await context.close();
    expect(found, found.join('\n')).toEqual([]);
  });
}

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 1280, height: 900 } });
  const SECRET = 'rekindle-dev-keep-link-secret-change-me'; // lib/runtime/config.ts default, used by the e2e server
  const DAY = 86_400_000;

  test('the sign-in page has no axe violations', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    const found = await violations(page, '/login');
    expect(found, found.join('\n')).toEqual([]);
  });

  test('the keep page has no axe violations in any state', async ({ page }) => {
    // Three recipients who have not answered yet, of the newest campaign still awaiting responses.
    const deadline = Date.now() + 5 * DAY;
    const ids = withDb(
      (db) =>
        db
          .prepare(
            `SELECT cm.id FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
             WHERE c.status = 'awaiting_responses' AND cm.status = 'sent' AND cm.confirmed_at IS NULL
             ORDER BY cm.id DESC LIMIT 3`,
          )
          .all() as { id: number }[],
    ).map((r) => r.id);
    expect(ids).toHaveLength(3);
    const [keeper, leaver, unused] = ids.map((id) => `/keep/${signKeepToken(id, deadline, SECRET)}`) as [string, string, string];
    const found: string[] = [];
    const check = async (state: string) => found.push(...(await violations(page, `keep page, ${state}`)));

    await page.goto(unused);
    await check('open');
    await page.goto(`${unused}?step=leave`);
    await check('confirming "cancel now"');
    // The member's language varies: answer by the form's buttons, and wait for the answer's message.
    const submit = page.locator('main button[type=submit]');
    await page.goto(keeper);
    await submit.first().click();
    await expect(submit).toHaveCount(0);
    await check('answered: kept');
    await page.goto(keeper);
    await check('already answered');
    await page.goto(`${leaver}?step=leave`);
    await submit.first().click();
    await expect(submit).toHaveCount(0);
    await check('answered: leaving');
    await page.goto(`/keep/${signKeepToken(ids[0] as number, Date.now() - DAY, SECRET)}`);
    await check('expired link');
    await page.goto(`${unused.slice(0, -3)}xyz`);
    await check('invalid link');
    expect(found, found.join('\n')).toEqual([]);
  });
});
