import { expect, test } from '@playwright/test';
import { pageAs, setClockOffset, withDb } from './helpers';

// The "Done when": a campaign's deadline passes (the test moves the server's clock through
// the clock_offset_ms app setting, honoured because REKINDLE_ALLOW_TEST_CLOCK=1), a batch is
// proposed; approver@ submits it and is refused when approving it; approver2@ excludes one member
// and approves; a member who watched something after the proposal is skipped with the reason
// shown; the rest are cancelled; a CX manager restores one of them.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 2 * HOUR; // the deadline is one hour ahead: sessions (12 h) stay valid
const tag = `E2E-B${Date.now().toString(36).toUpperCase()}`;
const accounts = [1, 2, 3, 4, 5].map((i) => `${tag}-${i}`);
const campaignName = `Last chance ${tag}`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  // A campaign whose messages went out 29 days ago to five long-dormant members, deadline in an hour.
  withDb((db) => {
    const t = Date.now();
    const pv = (db.prepare('SELECT max(id) AS id FROM policy_versions').get() as { id: number }).id;
    const staffId = (db.prepare("SELECT id FROM staff WHERE email = 'cx@rekindle.local'").get() as { id: number }).id;
    const c = db
      .prepare(
        `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, send_started_at, deadline_at, created_by, created_at, updated_at)
         VALUES (?, 'awaiting_responses', ?, '{}', 'email', 10, 7, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(campaignName, pv, t - 29 * DAY, t + HOUR, staffId, t - 30 * DAY, t - 29 * DAY) as { id: number };
    const v = db
      .prepare(
        `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, subject_template, body_template) VALUES (?, 'A', 'Plain', 100, 's', 'b') RETURNING id`,
      )
      .get(c.id) as { id: number };
    for (const a of accounts) {
      const m = db
        .prepare(
          `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at, dormant_reason, dormant_since)
           VALUES (?, ?, ?, 'GB', 'standard', 1099, 'GBP', ?, ?, 'notified', ?, 'inactive', ?) RETURNING id`,
        )
        .get(
          a,
          `${a.toLowerCase()}@example.com`,
          `Member ${a}`,
          t - 6 * 365 * DAY,
          t - 3 * 365 * DAY,
          t - 29 * DAY,
          t - 365 * DAY,
        ) as { id: number };
      db.prepare(
        `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, sent_at, outcome)
         VALUES (?, ?, ?, 'email', 'sent', ?, ?, 'pending')`,
      ).run(c.id, m.id, v.id, t - 30 * DAY, t - 29 * DAY);
    }
  });
});

test.afterAll(() => setClockOffset(0));

let batchId = 0;

test('the deadline passes and a batch is proposed with the recipients who did not respond', async ({ browser }) => {
  setClockOffset(OFFSET);
  // The server's housekeeping pass closes the campaign at its deadline and proposes the batch.
  await expect
    .poll(
      () =>
        withDb(
          (db) =>
            (
              db
                .prepare('SELECT b.id FROM batches b JOIN campaigns c ON c.id = b.campaign_id WHERE c.name = ?')
                .get(campaignName) as { id: number } | undefined
            )?.id ?? 0,
        ),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  batchId = withDb(
    (db) =>
      (
        db.prepare('SELECT b.id FROM batches b JOIN campaigns c ON c.id = b.campaign_id WHERE c.name = ?').get(campaignName) as {
          id: number;
        }
      ).id,
  );

  const page = await pageAs(browser, 'approver');
  await page.goto('/batches');
  const row = page.getByRole('row').filter({ hasText: campaignName });
  await expect(row).toContainText('Proposed');
  await expect(row).toContainText('5'); // to cancel
  await page.screenshot({ path: '/tmp/h4-batch-list.png', fullPage: true });
  await row.getByRole('link', { name: `Batch #${batchId}` }).click();
  await expect(page.getByRole('heading', { name: `Batch #${batchId} — ${campaignName}` })).toBeVisible();
  await expect(page.getByText('Members to cancel')).toBeVisible();
  await expect(page.getByText('£54.95').first()).toBeVisible(); // 5 × £10.99 a month
  await expect(page.getByText('£659.40').first()).toBeVisible(); // × 12
});

test('approver@ submits it and is told another approver must decide it (no Approve button)', async ({ browser }) => {
  const page = await pageAs(browser, 'approver');
  await page.goto(`/batches/${batchId}?done=approved`);
  await expect(page.getByRole('status').filter({ hasText: 'Batch approved' })).toHaveCount(0); // the link lies
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Submitted for approval' })).toBeVisible();
  await expect(page.getByText('Waiting for approval').first()).toBeVisible();
  await expect(page.getByText('another approver must approve or reject it (four-eyes rule)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve batch' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reject batch' })).toHaveCount(0);
  expect(withDb((db) => db.prepare('SELECT status FROM batches WHERE id = ?').get(batchId))).toEqual({ status: 'submitted' });
});

test('approver2@ sees it waiting, excludes one member and approves', async ({ browser }) => {
  const page = await pageAs(browser, 'approver2');
  await page.goto('/');
  const waiting = page.getByRole('region', { name: /Batches waiting for your decision/ });
  await expect(waiting.getByRole('link', { name: `Batch #${batchId} — ${campaignName}` })).toBeVisible();
  await expect(waiting).toContainText('submitted by approver@rekindle.local');
  await page.screenshot({ path: '/tmp/h4-home-approver2.png', fullPage: true });

  await waiting.getByRole('link', { name: `Batch #${batchId} — ${campaignName}` }).click();
  await page.getByLabel('Account id to exclude').fill(accounts[0]!);
  await page.getByLabel('Reason', { exact: true }).selectOption('vip');
  await page.getByLabel('Note (optional)').fill('Board member');
  await page.getByRole('button', { name: 'Exclude member' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Member ${accounts[0]} excluded` })).toBeVisible();

  await page.getByRole('button', { name: 'Approve batch' }).click();
  await expect(page.getByText('Write a comment to approve.')).toBeVisible();
  await page.getByLabel('Approval comment').fill('Checked the list; VIP excluded');
  await page.getByRole('button', { name: 'Approve batch' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Batch approved' })).toBeVisible();
});

test('a member who watched after the proposal is skipped with the reason; the rest are cancelled', async ({
  browser,
  request,
}) => {
  const watchedAt = new Date(Date.now() + OFFSET - 60_000).toISOString();
  const res = await request.post('/api/events', {
    headers: { authorization: 'Bearer e2e-api-key' },
    data: { events: [{ account_id: accounts[1], title: 'The Long Way Home', watched_at: watchedAt, seconds: 1200 }] },
  });
  expect(res.ok(), await res.text()).toBe(true);

  const page = await pageAs(browser, 'approver2');
  await page.goto(`/batches/${batchId}`);
  await page.getByRole('button', { name: 'Execute batch' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Batch executed: 3 cancelled, 1 skipped' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText('Watched something after the message was sent: 1')).toBeVisible();
  const skipped = page.getByRole('row').filter({ hasText: accounts[1]! });
  await expect(skipped).toContainText('Skipped');
  await expect(skipped).toContainText('Watched something after the message was sent');
  await expect(page.getByRole('row').filter({ hasText: accounts[0]! })).toContainText('VIP: Board member');
  await page.screenshot({ path: '/tmp/h4-batch-page.png', fullPage: true });

  const states = withDb((db) =>
    db.prepare('SELECT account_id AS a, status FROM members WHERE account_id LIKE ? ORDER BY account_id').all(`${tag}-%`),
  );
  expect(states).toEqual([
    { a: accounts[0], status: 'dormant' },
    { a: accounts[1], status: 'active' },
    { a: accounts[2], status: 'cancelled' },
    { a: accounts[3], status: 'cancelled' },
    { a: accounts[4], status: 'cancelled' },
  ]);
});

test('a CX manager restores one of the cancelled members', async ({ browser }) => {
  const memberId = withDb(
    (db) => (db.prepare('SELECT id FROM members WHERE account_id = ?').get(accounts[2]) as { id: number }).id,
  );
  const page = await pageAs(browser, 'cx');
  await page.goto(`/members/${memberId}`);
  await expect(page.getByText(`by batch #${batchId}`)).toBeVisible();
  await page.getByRole('button', { name: 'Restore membership' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Membership restored with its history.' })).toBeVisible();
  const r = withDb((db) =>
    db
      .prepare(
        'SELECT m.status, r.batch_id AS batchId, r.price_minor AS price, r.source FROM members m JOIN rejoins r ON r.member_id = m.id WHERE m.id = ?',
      )
      .get(memberId),
  );
  expect(r).toEqual({ status: 'active', batchId, price: 1099, source: 'cx' });
});
