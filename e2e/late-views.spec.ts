import { expect, type Page, test } from '@playwright/test';
import { setClockOffset, withDb } from './helpers';

// Issue #17's "Done when": views dated before a committed batch cancellation arrive through
// POST /api/events after it: exactly those members are restored (not one who watched after the
// cancellation, one whose view is older than the trust window, one who left by choice, one whose
// retention window ended); the overview's count equals the database's; the member page says so and
// no longer reads "Nothing watched since …" beside a later "Last viewed".

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const tag = `E2E-LV${Date.now().toString(36).toUpperCase()}`;
const acct = (k: string) => `${tag}-${k}`;
const t0 = Date.now();
const cancelledAt = t0 - HOUR;

test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 1440, height: 900 } });
test.describe.configure({ mode: 'serial' });

const statusOf = (k: string) =>
  withDb((db) => (db.prepare('SELECT status FROM members WHERE account_id = ?').get(acct(k)) as { status: string }).status);
const idOf = (k: string) =>
  withDb((db) => (db.prepare('SELECT id FROM members WHERE account_id = ?').get(acct(k)) as { id: number }).id);

async function signIn(page: Page, who: 'exec' | 'cx') {
  await page.goto('/login');
  await page.getByLabel('Email').fill(`${who}@rekindle.local`);
  await page.getByLabel('Password').fill('rekindle-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test.beforeAll(() => {
  // One batch executed an hour ago cancelled A..E; F left by choice; G was cancelled by an older batch
  // whose retention window has ended. All were dormant (last view three years ago).
  withDb((db) => {
    const pv = (db.prepare('SELECT max(id) AS id FROM policy_versions').get() as { id: number }).id;
    const batch = (at: number) =>
      (
        db
          .prepare(
            `INSERT INTO batches (campaign_id, policy_version_id, status, proposed_at, executed_at) VALUES (0, ?, 'executed', ?, ?) RETURNING id`,
          )
          .get(pv, at - DAY, at) as { id: number }
      ).id;
    const recent = batch(cancelledAt);
    const oldAt = t0 - 400 * DAY;
    const old = batch(oldAt);
    const add = (k: string, at: number, batchId: number | null, retentionUntil: number) => {
      const { id } = db
        .prepare(
          `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status,
             status_changed_at, dormant_reason, dormant_since, cancelled_at, cancelled_batch_id, retention_until)
           VALUES (?, ?, ?, 'GB', 'standard', 1099, 'GBP', ?, ?, 'cancelled', ?, 'inactive', ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          acct(k),
          `${acct(k).toLowerCase()}@example.com`,
          `Member ${acct(k)}`,
          t0 - 6 * 365 * DAY,
          t0 - 3 * 365 * DAY,
          at,
          t0 - 365 * DAY,
          at,
          batchId,
          retentionUntil,
        ) as {
        id: number;
      };
      if (batchId)
        db.prepare(
          `INSERT INTO batch_members (batch_id, member_id, campaign_member_id, state, price_minor, currency, country, plan, decided_at)
           VALUES (?, ?, 0, 'cancelled', 1099, 'GBP', 'GB', 'standard', ?)`,
        ).run(batchId, id, at);
    };
    for (const k of ['A', 'B', 'C', 'D', 'E']) add(k, cancelledAt, recent, cancelledAt + 300 * DAY);
    add('F', cancelledAt, null, cancelledAt + 300 * DAY);
    add('G', oldAt, old, oldAt + 300 * DAY);
  });
});

test.afterAll(() => setClockOffset(0));

const view = (k: string, at: number) => ({
  account_id: acct(k),
  title: 'The Long Way Home',
  watched_at: new Date(at).toISOString(),
  seconds: 1200,
});
const lateViews = [
  view('A', cancelledAt - DAY), // before the cancellation: restored
  view('B', cancelledAt - 2 * HOUR), // before and after: restored
  view('B', cancelledAt + 30 * 60_000),
  view('C', cancelledAt + 30 * 60_000), // after only: stays cancelled
  view('D', cancelledAt - 31 * DAY), // older than the 30-day trust window: stays cancelled
  view('F', cancelledAt - DAY), // left by choice: stays cancelled
  view('G', t0 - 401 * DAY), // before its cancellation, but the retention window ended: stays cancelled
];

test('views dated before a committed cancellation restore exactly those members, once', async ({ request }) => {
  const post = () =>
    request.post('/api/events', { headers: { authorization: 'Bearer e2e-api-key' }, data: { events: lateViews } });
  const res = await post();
  expect(res.ok(), await res.text()).toBe(true);
  expect(await res.json()).toMatchObject({ stored: 7, cancellationsUndone: 2 });
  expect(['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((k) => [k, statusOf(k)])).toEqual([
    ['A', 'active'],
    ['B', 'active'],
    ['C', 'cancelled'],
    ['D', 'cancelled'],
    ['E', 'cancelled'],
    ['F', 'cancelled'],
    ['G', 'cancelled'],
  ]);
  // The backend retries: the same batch again changes nothing more.
  const again = await post();
  expect(await again.json()).toMatchObject({ stored: 0, duplicates: 7, cancellationsUndone: 0 });
  const rows = withDb((db) =>
    db
      .prepare(
        `SELECT m.account_id AS a, r.source FROM rejoins r JOIN members m ON m.id = r.member_id WHERE m.account_id LIKE ? ORDER BY 1`,
      )
      .all(`${tag}-%`),
  );
  expect(rows).toEqual([
    { a: acct('A'), source: 'late_view' },
    { a: acct('B'), source: 'late_view' },
  ]);
});

test('the overview counts the undone cancellations as the database does', async ({ page }) => {
  // The overview rebuilds its batch figures at most every two minutes after a change: let three pass.
  setClockOffset(3 * 60_000);
  await signIn(page, 'exec');
  const expected = withDb(
    (db) => db.prepare(`SELECT count(*) AS n FROM batch_members WHERE state = 'undone'`).get() as { n: number },
  ).n;
  expect(expected).toBeGreaterThanOrEqual(2);
  const card = page
    .getByRole('region', { name: 'Headline figures' })
    .locator('div', { has: page.getByRole('term').filter({ hasText: 'Cancellations undone by late views' }) })
    .getByRole('definition');
  await expect(async () => {
    await page.goto('/overview');
    await expect(card).toContainText(new Intl.NumberFormat('en-US').format(expected), { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(card).toContainText('not counted as cancelled or rejoined');
  await page.screenshot({ path: 'test-results/late-views-overview.png', fullPage: true });
});

test('the member page shows the undone cancellation, and no dormancy a later view contradicts', async ({ page }) => {
  await signIn(page, 'cx');
  await page.goto(`/members/${idOf('A')}`);
  const membership = page.getByRole('region', { name: 'Membership' });
  await expect(membership.getByText('Cancellation undone')).toBeVisible();
  await expect(membership).toContainText('A view from before the cancellation');
  await expect(membership.getByText('Nothing watched since')).toHaveCount(0);
  // Never cancelled, so not a rejoin either.
  await expect(page.getByText(/rejoined after a cancellation/)).toHaveCount(0);
  const batchRow = page.getByRole('region', { name: 'Cancellation batches' }).getByRole('row').nth(1);
  await expect(batchRow).toContainText(/undone/i);
  await expect(batchRow).toContainText('Cancellation undone: watched');
  await page.screenshot({ path: 'test-results/late-views-member.png', fullPage: true });

  // C watched after the cancellation: still cancelled, and its recorded dormancy no longer holds.
  await page.goto(`/members/${idOf('C')}`);
  await expect(membership).toContainText('Cancelled');
  await expect(membership.getByText('Nothing watched since')).toHaveCount(0);
  await expect(membership).toContainText('Not dormant');
  await expect(membership).toContainText('after the dormancy recorded from');
  await page.screenshot({ path: 'test-results/late-views-member-c.png', fullPage: true });
});
