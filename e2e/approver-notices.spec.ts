import fs from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { e2eEnv } from '../playwright.config';
import { setClockOffset, signIn, withDb } from './helpers';

// Approvers are told. A CX manager submits a batch in the UI; each other approver (admin@,
// approver@, approver2@) receives exactly one email at the real SMTP server with the batch link,
// and an approver sees it on their home. The server's clock then moves past BATCH_REMINDER_HOURS
// (24 by default): each approver gets one reminder, and no second one however long it waits.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const tag = `E2E-N${Date.now().toString(36).toUpperCase()}`;
const campaignName = `Last chance ${tag}`;
const APPROVERS = ['admin@rekindle.local', 'approver2@rekindle.local', 'approver@rekindle.local'];

type Mail = { to: string[]; subject: string; text: string; html: string; messageId: string };
const mailsAbout = (batchId: number): Mail[] =>
  (fs.existsSync(e2eEnv.smtpFile) ? fs.readFileSync(e2eEnv.smtpFile, 'utf8').split('\n').filter(Boolean) : [])
    .map((l) => JSON.parse(l) as Mail)
    .filter((m) => m.subject.includes(`batch #${batchId} `) || m.subject.includes(`Batch #${batchId} `));
const recipients = (mails: Mail[]) => mails.flatMap((m) => m.to).sort();

test.describe.configure({ mode: 'serial' });

let batchId = 0;

test.beforeAll(() => {
  // A campaign whose deadline has just passed, with three recipients who did not respond: the
  // server's housekeeping pass closes it and proposes their batch.
  batchId = 0;
  withDb((db) => {
    const t = Date.now();
    const pv = (db.prepare('SELECT max(id) AS id FROM policy_versions').get() as { id: number }).id;
    const cx = (db.prepare("SELECT id FROM staff WHERE email = 'cx@rekindle.local'").get() as { id: number }).id;
    const c = db
      .prepare(
        `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, send_started_at, deadline_at, created_by, created_at, updated_at)
         VALUES (?, 'awaiting_responses', ?, '{}', 'email', 10, 7, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(campaignName, pv, t - 30 * DAY, t - 60_000, cx, t - 31 * DAY, t - 30 * DAY) as { id: number };
    const v = db
      .prepare(
        `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, subject_template, body_template) VALUES (?, 'A', 'Plain', 100, 's', 'b') RETURNING id`,
      )
      .get(c.id) as { id: number };
    for (const i of [1, 2, 3]) {
      const account = `${tag}-${i}`;
      const m = db
        .prepare(
          `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at, dormant_reason, dormant_since)
           VALUES (?, ?, ?, 'GB', 'standard', 1099, 'GBP', ?, ?, 'notified', ?, 'inactive', ?) RETURNING id`,
        )
        .get(
          account,
          `${account.toLowerCase()}@example.com`,
          `Member ${account}`,
          t - 6 * 365 * DAY,
          t - 3 * 365 * DAY,
          t - 30 * DAY,
          t - 365 * DAY,
        ) as {
        id: number;
      };
      db.prepare(
        `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, sent_at, outcome)
         VALUES (?, ?, ?, 'email', 'sent', ?, ?, 'pending')`,
      ).run(c.id, m.id, v.id, t - 31 * DAY, t - 30 * DAY);
    }
  });
});

test.afterAll(() => setClockOffset(0));

async function approverHome(page: Page, email: string) {
  await signIn(page, email);
  await page.goto('/');
  return page.getByRole('region', { name: /Batches waiting for your decision/ });
}

test('a CX manager submits the batch; every other approver gets one email with its link', async ({ page }) => {
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

  // Before the submit, approvers see it as proposed, not yet submitted, with its age.
  await approverHome(page, 'approver@rekindle.local');
  const proposed = page.getByRole('region', { name: /Proposed, not yet submitted/ });
  await expect(proposed.getByRole('link', { name: `Batch #${batchId} — ${campaignName}` })).toBeVisible();
  await expect(proposed).toContainText(/3 members · proposed \d+ minutes? ago/);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'cx@rekindle.local');
  await page.goto(`/batches/${batchId}`);
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Submitted for approval' })).toBeVisible();

  await expect.poll(() => recipients(mailsAbout(batchId)), { timeout: 30_000 }).toEqual(APPROVERS);
  const mails = mailsAbout(batchId);
  for (const m of mails) {
    expect(m.subject).toBe(`Batch #${batchId} (${campaignName}) waits for your decision`);
    expect(m.text).toContain(`${e2eEnv.baseURL}/batches/${batchId}`);
    expect(m.text).toContain('Members to cancel: 3');
    expect(m.text).toContain('Monthly revenue: £32.97');
    expect(m.text).toContain('Proposed by: cx@rekindle.local');
    expect(m.text).not.toContain('@example.com');
  }
  expect(new Set(mails.map((m) => m.messageId)).size).toBe(3);
});

test('an approver sees it waiting on their home, with the email among their notices', async ({ page }) => {
  const waiting = await approverHome(page, 'approver2@rekindle.local');
  const row = waiting.getByRole('listitem').filter({ hasText: campaignName });
  await expect(row.getByRole('link', { name: `Batch #${batchId} — ${campaignName}` })).toBeVisible();
  await expect(row).toContainText('submitted by cx@rekindle.local');
  await expect(row).toContainText('no reminder yet');
  const notices = page.getByRole('region', { name: 'Your notices' });
  await expect(notices.getByRole('listitem').filter({ hasText: `Batch #${batchId}` })).toContainText(
    /Submitted for your decision: .* · email sent/,
  );
  await expect(page.getByRole('region', { name: /Proposed, not yet submitted/ })).not.toContainText(campaignName);
  await page.screenshot({ path: '/tmp/notices-home-approver2.png', fullPage: true });
  // The link in the email opens the batch.
  await row.getByRole('link', { name: `Batch #${batchId} — ${campaignName}` }).click();
  await expect(page.getByRole('heading', { name: `Batch #${batchId} — ${campaignName}` })).toBeVisible();
});

test('past BATCH_REMINDER_HOURS each approver gets one reminder, and never a second', async ({ page }) => {
  setClockOffset(25 * HOUR);
  const reminders = () => mailsAbout(batchId).filter((m) => m.subject.startsWith('Reminder:'));
  await expect.poll(() => recipients(reminders()), { timeout: 30_000 }).toEqual(APPROVERS);
  expect(reminders()[0]!.subject).toBe(`Reminder: batch #${batchId} (${campaignName}) still waits for a decision`);
  expect(reminders()[0]!.text).toContain(`${e2eEnv.baseURL}/batches/${batchId}`);

  // Two more days: the housekeeping pass keeps running, nothing more is sent.
  setClockOffset(3 * DAY);
  await page.waitForTimeout(3_000);
  expect(recipients(reminders())).toEqual(APPROVERS);
  expect(mailsAbout(batchId)).toHaveLength(6);

  const waiting = await approverHome(page, 'approver@rekindle.local');
  await expect(waiting.getByRole('listitem').filter({ hasText: campaignName })).toContainText(
    /reminder sent \d+ (hours?|days?) ago/,
  );
  await expect(page.getByRole('region', { name: 'Your notices' })).toContainText(`Still waiting (reminder): Batch #${batchId}`);
  await page.screenshot({ path: '/tmp/notices-home-reminder.png', fullPage: true });
});
