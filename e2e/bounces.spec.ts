import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import nodemailer from 'nodemailer';
import { dsnMail } from '../lib/testing/delivery/dsn-fixtures';
import { postmarkBounce, sesBounce } from '../lib/testing/delivery/provider-payloads';
import { e2eEnv } from '../playwright.config';
import { pageAs, setClockOffset, withDb } from './helpers';

// The "Done when" for bounces: a campaign on email and in-app is sent through a real SMTP
// server (e2e/smtp-sink.ts); four recipients hard-bounce, one through each receiving path (the
// generic API, SES through SNS, Postmark, a DSN to the server's own SMTP listener); they get the
// message in-app instead; the campaign page counts them as not reached; at the deadline (the test
// moves the server's clock) the batch leaves out exactly them, with the reason.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 2 * HOUR; // the deadline is one hour ahead
const tag = `E2E-BNC${Date.now().toString(36).toUpperCase()}`;
const accounts = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `${tag}-${i}`);
const emailOf = (a: string) => `${a.toLowerCase()}@example.com`;
const bounced = accounts.slice(0, 4);
const campaignName = `Bounces ${tag}`;
const NOT_REACHED = 'Not reached: the last-chance email bounced';
const API = { authorization: 'Bearer e2e-api-key' };
const BASIC = { authorization: `Basic ${Buffer.from('bounces:e2e-api-key').toString('base64')}` };

/** The Message-ID each of our recipients received, as logged by the SMTP sink. */
const receivedIds = (): Map<string, string> => {
  const lines = fs.existsSync(e2eEnv.smtpFile) ? fs.readFileSync(e2eEnv.smtpFile, 'utf8').split('\n').filter(Boolean) : [];
  const out = new Map<string, string>();
  for (const l of lines) {
    const m = JSON.parse(l) as { to: string[]; messageId: string };
    for (const to of m.to) if (to.startsWith(tag.toLowerCase())) out.set(to, m.messageId);
  }
  return out;
};

test.describe.configure({ mode: 'serial' });
let campaignId = 0;

test.beforeAll(() => {
  // Eight long-dormant members queued on a campaign sending now, on email with in-app as the fallback.
  withDb((db) => {
    const t = Date.now();
    const pv = (db.prepare('SELECT max(id) AS id FROM policy_versions').get() as { id: number }).id;
    const staffId = (db.prepare("SELECT id FROM staff WHERE email = 'cx@rekindle.local'").get() as { id: number }).id;
    campaignId = (
      db
        .prepare(
          `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, send_started_at, deadline_at, created_by, created_at, updated_at)
           VALUES (?, 'sending', ?, '{}', 'both', 0, 7, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(campaignName, pv, t, t + HOUR, staffId, t, t) as { id: number }
    ).id;
    const v = db
      .prepare(
        `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, subject_template, body_template)
         VALUES (?, 'A', 'Plain', 100, 'Last chance, {{first_name}}', 'Hello {{first_name}}, keep it: {{keep_link}}') RETURNING id`,
      )
      .get(campaignId) as { id: number };
    for (const a of accounts) {
      const m = db
        .prepare(
          `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at, dormant_reason, dormant_since)
           VALUES (?, ?, ?, 'GB', 'standard', 1099, 'GBP', ?, ?, 'dormant', ?, 'inactive', ?) RETURNING id`,
        )
        .get(a, emailOf(a), `Member ${a}`, t - 6 * 365 * DAY, t - 3 * 365 * DAY, t - DAY, t - 365 * DAY) as { id: number };
      db.prepare(
        `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at) VALUES (?, ?, ?, 'email', 'queued', ?)`,
      ).run(campaignId, m.id, v.id, t - 60_000);
    }
  });
});
test.afterAll(() => setClockOffset(0));

test('the campaign is sent through SMTP; four recipients hard-bounce, one through each receiving path', async ({ request }) => {
  // The server's sender delivers every email to the real SMTP server.
  await expect.poll(() => receivedIds().size, { timeout: 30_000 }).toBe(accounts.length);
  const ids = receivedIds();
  const idOf = (a: string) => ids.get(emailOf(a)) as string;
  const now = () => new Date().toISOString();

  const generic = await request.post('/api/bounces', {
    headers: API,
    data: { messageId: idOf(bounced[0]!), type: 'hard', reason: '550 5.1.1 user unknown' },
  });
  expect(generic.status(), await generic.text()).toBe(200);

  const ses = await request.post('/api/bounces/ses', {
    headers: { ...BASIC, 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification' },
    data: JSON.stringify(sesBounce({ address: emailOf(bounced[1]!), messageId: idOf(bounced[1]!), at: now() })),
  });
  expect(ses.status(), await ses.text()).toBe(200);

  const postmark = await request.post('/api/bounces/postmark', {
    headers: BASIC,
    data: postmarkBounce({ address: emailOf(bounced[2]!), at: now() }),
  });
  expect(postmark.status(), await postmark.text()).toBe(200);

  // A delivery status notification handed to the server's own SMTP listener.
  await nodemailer.createTransport({ host: '127.0.0.1', port: e2eEnv.bouncePort, secure: false, ignoreTLS: true }).sendMail({
    envelope: { from: '', to: 'bounces@rekindle.local' },
    raw: dsnMail({ address: emailOf(bounced[3]!), messageId: idOf(bounced[3]!), date: new Date().toUTCString() }),
  });

  const marked = withDb((db) =>
    db
      .prepare(
        `SELECT m.account_id AS a FROM campaign_members cm JOIN members m ON m.id = cm.member_id
         WHERE cm.campaign_id = ? AND cm.bounced_at IS NOT NULL ORDER BY m.account_id`,
      )
      .pluck()
      .all(campaignId),
  );
  expect(marked).toEqual(bounced);
});

test('the bounced members get the message in-app; the others are not shown it twice', async ({ request }) => {
  for (const a of accounts) {
    const res = await request.get(`/api/notices?account_id=${encodeURIComponent(a)}`, { headers: API });
    const { notices } = (await res.json()) as { notices: { subject: string }[] };
    expect(
      notices.map((n) => n.subject),
      a,
    ).toEqual(bounced.includes(a) ? [`Last chance, Member`] : []);
  }
});

test('the campaign page shows them as not reached, with the reason; their addresses are suppressed', async ({ browser }) => {
  const page = await pageAs(browser, 'cx');
  await page.goto(`/campaigns/${campaignId}`);
  const delivery = page.getByRole('region', { name: 'Delivery', exact: true });
  await expect(delivery.getByRole('columnheader', { name: 'Not reached' })).toBeVisible();
  const list = delivery.getByRole('table', { name: /Recipients whose email bounced/ });
  for (const a of bounced) await expect(list.getByRole('row').filter({ hasText: a })).toContainText(/Hard bounce/);
  await expect(list.getByRole('row')).toHaveCount(bounced.length + 1);
  const results = page.getByTestId('report-A');
  await expect(results.getByRole('cell').nth(1)).toHaveText(String(accounts.length)); // sent
  await expect(results.getByRole('cell').nth(2)).toHaveText(String(bounced.length)); // not reached
  await expect(page.getByText(/A member counts as reached/)).toBeVisible();
  await page.screenshot({ path: '/tmp/bounces-campaign-page.png', fullPage: true });

  // Their addresses are suppressed for email, with the reason and who reported it.
  await page.goto('/campaigns/suppression');
  const addresses = page.getByRole('region', { name: /suppressed after a bounce or complaint/ });
  for (const [a, source] of [
    [bounced[0], 'Bounce API'],
    [bounced[1], 'Amazon SES'],
    [bounced[2], 'Postmark'],
    [bounced[3], 'Bounce message (DSN)'],
  ] as const)
    await expect(addresses.getByRole('row').filter({ hasText: emailOf(a!) })).toContainText(source);
  await expect(addresses.getByRole('row').filter({ hasText: emailOf(accounts[4]!) })).toHaveCount(0);
  await addresses.screenshot({ path: '/tmp/bounces-suppressed-addresses.png' });
});

test('at the deadline the batch leaves out exactly the members never reached, with the reason', async ({ browser }) => {
  setClockOffset(OFFSET);
  const batchOf = () =>
    withDb(
      (db) => (db.prepare('SELECT id FROM batches WHERE campaign_id = ?').pluck().get(campaignId) as number | undefined) ?? 0,
    );
  await expect.poll(batchOf, { timeout: 30_000 }).toBeGreaterThan(0);
  const batchId = batchOf();
  const rows = withDb((db) =>
    db
      .prepare(
        `SELECT m.account_id AS a, bm.state, bm.reason FROM batch_members bm JOIN members m ON m.id = bm.member_id
         WHERE bm.batch_id = ? ORDER BY m.account_id`,
      )
      .all(batchId),
  );
  expect(rows).toEqual(
    accounts.map((a) =>
      bounced.includes(a) ? { a, state: 'excluded', reason: NOT_REACHED } : { a, state: 'included', reason: null },
    ),
  );

  const page = await pageAs(browser, 'approver');
  await page.goto(`/batches/${batchId}`);
  for (const a of bounced) await expect(page.getByRole('row').filter({ hasText: a })).toContainText(NOT_REACHED);
  await page.screenshot({ path: '/tmp/bounces-batch-page.png', fullPage: true });
});
