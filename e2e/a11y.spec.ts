import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { signKeepToken } from '../lib/keep/keep-token';
import { demoServer } from './demo-server';
import { EMAIL, openFully, ROLES, signedInPages } from './pages';

// axe-core on every page, for every role that can reach it, with the number tables opened, and on
// the sign-in page and the keep page in each state: no violation of any rule axe runs by default
// (WCAG 2.x A and AA, and its best practices). On a demo seed of the spec's own (e2e/demo-server.ts).

const demo = demoServer(60);
const DESKTOP = { width: 1280, height: 900 };
const SECRET = 'rekindle-dev-keep-link-secret-change-me'; // lib/runtime/config.ts default, used by the server
const DAY = 86_400_000;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: demo.baseURL, storageState: { cookies: [], origins: [] }, viewport: DESKTOP });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  await demo.start();
});
test.afterAll(() => demo.stop());

async function violations(page: Page, where: string) {
  // Legacy mode runs axe in the page itself: the default finishes its run in a new page of the
  // context, which hung here until the test's timeout.
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
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
    const page = await demo.pageAs(browser, EMAIL[who], DESKTOP);
    const found: string[] = [];
    for (const p of signedInPages(demo.withDb).filter((p) => p.roles.includes(who))) {
      await openFully(page, p.path);
      found.push(...(await violations(page, `${p.name} (${p.path}) as ${who}`)));
    }
    await page.context().close();
    expect(found, found.join('\n')).toEqual([]);
  });
}

test('the sign-in page has no axe violations', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const found = await violations(page, '/login');
  expect(found, found.join('\n')).toEqual([]);
});

/** Three members sent a last-chance email (offer: a free month) of a campaign awaiting responses: their keep links. */
function keepLinks(deadline: number): string[] {
  const t0 = Date.now();
  return demo.withDb((db) => {
    const pv = (db.prepare('SELECT max(id) AS id FROM policy_versions').get() as { id: number }).id;
    const campaign = (
      db
        .prepare(
          `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, send_started_at, deadline_at, created_by, created_at, updated_at)
           VALUES ('Keep page a11y', 'awaiting_responses', ?, '{}', 'email', 0, 1, ?, ?, 1, ?, ?) RETURNING id`,
        )
        .get(pv, t0 - DAY, deadline, t0 - 2 * DAY, t0 - DAY) as { id: number }
    ).id;
    const variant = (
      db
        .prepare(
          `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, offer, subject_template, body_template)
           VALUES (?, 'A', 'Free month', 100, 'free_month', 's', 'b') RETURNING id`,
        )
        .get(campaign) as { id: number }
    ).id;
    return ['keeper', 'leaver', 'reader'].map((w) => {
      const member = (
        db
          .prepare(
            `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, language, joined_at, status,
               status_changed_at, dormant_reason, dormant_since)
             VALUES (?, ?, ?, 'US', 'standard', 1299, 'USD', 'en', ?, 'notified', ?, 'never_watched', ?) RETURNING id`,
          )
          .get(`A11Y-${w}`, `a11y-${w}@example.com`, `Sam ${w}`, t0 - 800 * DAY, t0 - DAY, t0 - 400 * DAY) as { id: number }
      ).id;
      const cm = (
        db
          .prepare(
            `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, attempts, sent_at)
             VALUES (?, ?, ?, 'email', 'sent', ?, 1, ?) RETURNING id`,
          )
          .get(campaign, member, variant, t0 - 2 * DAY, t0 - DAY) as { id: number }
      ).id;
      return `/keep/${signKeepToken(cm, deadline, SECRET)}`;
    });
  });
}

test('the keep page has no axe violations in any state', async ({ page }) => {
  const [keeper, leaver, reader] = keepLinks(Date.now() + 5 * DAY) as [string, string, string];
  const found: string[] = [];
  const check = async (state: string) => found.push(...(await violations(page, `keep page, ${state}`)));

  await page.goto(reader);
  await check('open');
  await page.goto(`${reader}?step=leave`);
  await check('confirming "cancel now"');
  await page.goto(keeper);
  await page.getByRole('button', { name: 'Keep my membership and take the offer' }).click();
  await expect(page.getByRole('button')).toHaveCount(0);
  await check('answered: kept with the offer');
  await page.goto(keeper);
  await check('already answered');
  await page.goto(`${leaver}?step=leave`);
  await page.getByRole('button', { name: 'Yes, cancel at the end of my paid month' }).click();
  await expect(page.getByRole('button')).toHaveCount(0);
  await check('answered: leaving');
  await page.goto(`${reader.slice(0, -4)}AAAA`);
  await check('invalid link');
  expect(found, found.join('\n')).toEqual([]);
});
