import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { as } from './helpers';

// The e2e server seeds 3,000 members; read a few facts straight from its database file.
function db() {
  return new Database(process.env.E2E_DATABASE_URL!, { readonly: true, fileMustExist: true });
}
const table = (page: Page) => page.getByRole('table', { name: 'Members, newest first' });
const bodyRows = (page: Page) => table(page).locator('tbody tr');

test.describe('members explorer (CX)', () => {
  test.use({ storageState: as('cx') });

  test('lists members and finds one by account id', async ({ page }) => {
    const m = db().prepare('SELECT id, account_id AS a, display_name AS n FROM members WHERE id = 1234').get() as {
      a: string;
      n: string;
    };
    await page.goto('/members');
    await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
    await expect(bodyRows(page)).toHaveCount(50);
    await page.screenshot({ path: '/tmp/h1-members.png', fullPage: true });

    await page.getByLabel('Account id or email').fill(m.a.toLowerCase());
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${m.a}`, 'i'));
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(table(page).getByRole('link', { name: m.a })).toBeVisible();
    await expect(table(page).getByRole('cell', { name: m.n })).toBeVisible();
  });

  test('a status filter changes the URL and the rows', async ({ page }) => {
    await page.goto('/members');
    await page.getByLabel('Status').selectOption({ label: 'Dormant' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/status=dormant/);
    const dormant = (db().prepare("SELECT count(*) AS n FROM members WHERE status = 'dormant'").get() as { n: number }).n;
    await expect(bodyRows(page)).toHaveCount(Math.min(50, dormant));
    await expect(page.getByText(`${dormant} ${dormant === 1 ? 'member matches' : 'members match'}.`)).toBeVisible();
    for (const text of await bodyRows(page).locator('td:nth-child(6)').allInnerTexts()) expect(text).toBe('Dormant');
  });

  test('nonsense filters are named and ignored; the page still renders', async ({ page }) => {
    await page.goto('/members?status=zzz&country=123&plan=basic');
    await expect(page.getByRole('status').filter({ hasText: '“zzz” is not a member status' })).toBeVisible();
    await expect(page.getByText('“123” is not a two-letter country code')).toBeVisible();
    await expect(bodyRows(page)).toHaveCount(50);
    await expect(page.getByLabel('Plan')).toHaveValue('basic');
  });

  test('Next and Previous walk the pages', async ({ page }) => {
    await page.goto('/members?country=US');
    const pager = page.getByRole('navigation', { name: 'Member pages' });
    const firstOnPage1 = (await bodyRows(page).first().locator('td').first().textContent()) ?? '';
    await pager.getByRole('link', { name: 'Next →' }).click();
    await expect(page).toHaveURL(/country=US&after=\d+/);
    await expect(bodyRows(page).first().locator('td').first()).not.toHaveText(firstOnPage1);
    await pager.getByRole('link', { name: '← Previous' }).click();
    await expect(page).toHaveURL(/before=\d+/);
    await expect(bodyRows(page).first().locator('td').first()).toHaveText(firstOnPage1);
  });

  test('an active member’s page shows no empty "Account actions" box to a CX manager', async ({ page }) => {
    const d = db();
    const { id } = d
      .prepare(`SELECT id FROM members WHERE status = 'active' AND purged_at IS NULL
      AND id NOT IN (SELECT member_id FROM rejoins) ORDER BY id LIMIT 1`)
      .get() as { id: number };
    d.close();
    await page.goto(`/members/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Account actions' })).toHaveCount(0);
  });
});

test.describe('member page (approver)', () => {
  test.use({ storageState: as('approver') });

  test('shows the membership and the viewing timeline, newest first', async ({ page }) => {
    const m = db()
      .prepare(
        `SELECT m.id, m.account_id AS a, m.display_name AS n, t.name AS title FROM members m JOIN titles t ON t.id = m.last_title_id
         WHERE (SELECT count(*) FROM viewing_events e WHERE e.member_id = m.id) > 30 ORDER BY m.id LIMIT 1`,
      )
      .get() as { id: number; a: string; n: string; title: string };
    await page.goto(`/members?q=${m.a}`);
    await table(page).getByRole('link', { name: m.a }).click();
    await expect(page).toHaveURL(new RegExp(`/members/${m.id}$`));
    await expect(page.getByRole('heading', { name: m.n, level: 1 })).toBeVisible();
    const timeline = page.getByRole('table', { name: 'Viewing timeline, most recent first' });
    await expect(timeline.locator('tbody tr')).toHaveCount(25);
    await expect(timeline.locator('tbody tr').first()).toContainText(m.title);
    await page.screenshot({ path: '/tmp/h1-member.png', fullPage: true });
    await page.getByRole('navigation', { name: 'Timeline pages' }).getByRole('link', { name: 'Older views →' }).click();
    await expect(page).toHaveURL(/after=\d+-\d+/);
    await expect(timeline.locator('tbody tr').first()).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Timeline pages' }).getByRole('link', { name: '← Newer views' }),
    ).toBeVisible();
  });

  test('a missing member is a not-found page', async ({ page }) => {
    await page.goto('/members/99999999');
    await expect(page.getByRole('heading', { name: 'No such member' })).toBeVisible();
  });
});

test.describe('executive', () => {
  test.use({ storageState: as('exec') });
  test('is answered 403 with the not-allowed page, at the address asked for', async ({ page }) => {
    const res = await page.goto('/members');
    expect(res?.status()).toBe(403);
    await expect(page).toHaveURL(/\/members$/);
    await expect(page.getByRole('heading', { name: 'You are not allowed to open that page' })).toBeVisible();
    expect((await page.goto('/members/1'))?.status()).toBe(403);
    expect((await page.goto('/audit'))?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'You are not allowed to open that page' })).toBeVisible();
  });
});
