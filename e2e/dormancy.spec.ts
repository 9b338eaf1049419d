import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';

// Policy versions with a live preview, the scan button, and the events CSV import bringing a
// dormant member back — against the production build on the seeded e2e database.

// Signs in through the form in each test rather than using the shared storage states: parallel
// runs against other databases rewrite test-results/.auth with sessions of their own.
async function signIn(page: Page, who: 'admin' | 'cx' | 'exec') {
  await page.goto('/login');
  await page.getByLabel('Email').fill(`${who}@rekindle.local`);
  await page.getByLabel('Password').fill('rekindle-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

const dbFile = () => process.env.E2E_DATABASE_URL as string;
function query<T>(sql: string, ...args: unknown[]): T {
  const db = new Database(dbFile(), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...args) as T;
  } finally {
    db.close();
  }
}

test.describe('policy', () => {
  test.beforeEach(({ page }) => signIn(page, 'admin'));

  test('an admin previews a change, saves it as a new version, and sees it in the history', async ({ page }) => {
    const before = query<{ id: number }>('SELECT max(id) AS id FROM policy_versions').id;
    await page.goto('/policy?inactiveDays=600');
    await expect(page.getByText('Values prefilled from a scenario link')).toBeVisible();
    await expect(page.getByLabel('Inactive: days since the last view')).toHaveValue('600');

    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'members would be dormant today' })).toBeVisible();
    const preview = page.getByRole('table', { name: 'Dormant members today: current policy and these values' });
    await expect(preview.getByRole('row', { name: /Total dormant/ })).toBeVisible();
    await page.screenshot({ path: '/tmp/dormancy-policy.png', fullPage: true });

    // A bad value is refused beside the field and nothing is saved.
    await page.getByLabel('Response window after a last-chance message (days)').fill('700');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect(page.getByText('cannot be longer than the inactivity threshold (600 days)')).toBeVisible();
    expect(query<{ id: number }>('SELECT max(id) AS id FROM policy_versions').id).toBe(before);

    await page.getByLabel('Response window after a last-chance message (days)').fill('30');
    await page.getByLabel('Why this change (optional, kept with the version)').fill('e2e what-if');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Saved as policy version ${before + 1}` })).toBeVisible();
    const history = page.getByRole('table', { name: 'Policy versions' });
    await expect(
      history.getByRole('row', { name: new RegExp(`v${before + 1}.*600 d.*admin@rekindle.local.*e2e what-if`) }),
    ).toBeVisible();

    // Put the defaults back (as a further version) so other specs see the usual policy.
    await page.goto('/policy?neverWatchedDays=365&inactiveDays=730&responseDays=30&retentionDays=300');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Saved as policy version ${before + 2}` })).toBeVisible();
  });

  test('the values typed stay in the form after a preview', async ({ page }) => {
    await page.goto('/policy');
    const inactive = page.getByLabel('Inactive: days since the last view');
    await inactive.fill('640');
    await page.getByLabel('Why this change (optional, kept with the version)').fill('trying 640');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'members would be dormant today' })).toBeVisible();
    await expect(inactive).toHaveValue('640');
    await expect(page.getByLabel('Why this change (optional, kept with the version)')).toHaveValue('trying 640');
  });

  test('the admin runs the dormancy scan and sees the run listed', async ({ page }) => {
    await page.goto('/policy');
    await page.getByRole('button', { name: 'Run dormancy scan' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Scan finished' })).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Recent dormancy scans' })
        .getByRole('row', { name: /admin@rekindle\.local.*done/ })
        .first(),
    ).toBeVisible();
  });
});

test.describe('policy, read-only', () => {
  test.beforeEach(({ page }) => signIn(page, 'exec'));
  test('an executive sees the policy and history but no form', async ({ page }) => {
    await page.goto('/policy?inactiveDays=600');
    await expect(page.getByRole('heading', { name: /Current policy: version/ })).toBeVisible();
    await expect(page.getByText('Only an admin can save it as a new version.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save as new version' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Run dormancy scan' })).toHaveCount(0);
  });
});

test.describe('events import', () => {
  test.beforeEach(({ page }) => signIn(page, 'cx'));

  test('a file with one bad row is refused by line; the corrected file brings a dormant member back', async ({ page }) => {
    const m = query<{ id: number; account_id: string }>(
      `SELECT id, account_id FROM members WHERE status = 'dormant' ORDER BY id LIMIT 1`,
    );
    expect(m, 'the seed has a dormant member').toBeTruthy();
    const watched = new Date(Date.now() - 3600_000).toISOString();
    const good = `${m.account_id},The Long Way Home,${watched},1800`;
    const upload = async (csv: string) => {
      await page
        .getByLabel('Viewing events CSV')
        .setInputFiles({ name: 'views.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Import events' }).click();
    };
    await page.goto('/import');
    await upload(`account_id,title,watched_at,seconds\n${good}\n${m.account_id},Another Film,${watched},-20\n`);
    await expect(page.getByRole('alert').filter({ hasText: 'The file was not imported: 1 problem found' })).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Problems in the file' })
        .getByRole('row', { name: /3\s+seconds\s+seconds cannot be negative/ }),
    ).toBeVisible();
    await page.screenshot({ path: '/tmp/dormancy-import-refused.png', fullPage: true });
    expect(query<{ status: string }>('SELECT status FROM members WHERE id = ?', m.id).status).toBe('dormant');

    await upload(`account_id,title,watched_at,seconds\n${good}\n${m.account_id},Another Film,${watched},20\n`);
    await expect(page.getByRole('status').filter({ hasText: '2 new events' })).toContainText('1 member brought back to active');
    await page.screenshot({ path: '/tmp/dormancy-import-ok.png', fullPage: true });
    expect(query<{ status: string }>('SELECT status FROM members WHERE id = ?', m.id).status).toBe('active');

    // The member page (app/(app)/members/[id]) shows the member active again.
    await page.goto(`/members/${m.id}`);
    await expect(page.getByRole('region', { name: 'Membership' }).getByText('Active', { exact: true })).toBeVisible();
    // Its newest views are the imported ones (still in the recent-views table, not yet rolled up).
    const timeline = page.getByRole('region', { name: 'Viewing timeline' });
    await expect(timeline.getByText('The Long Way Home')).toBeVisible();
    await expect(timeline.getByText('Another Film')).toBeVisible();
    await page.screenshot({ path: '/tmp/dormancy-member.png', fullPage: true });
  });
});
