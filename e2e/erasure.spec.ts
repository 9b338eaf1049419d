import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { as } from './helpers';

// An erase request reaches the campaign messages: an admin erases a member who was sent a
// last-chance email, and the campaign's outbox then shows that message as erased, with neither
// the address nor the name. The member, campaign and delivered message are the test's own.

const DAY = 86_400_000;
const EMAIL = 'e2e-erase-ottoline@example.test';
const NAME = 'Ottoline Vanterpool';
const db = () => new Database(process.env.E2E_DATABASE_URL as string);
let memberId = 0;
let campaignId = 0;

test.beforeAll(() => {
  const sqlite = db();
  const now = Date.now();
  sqlite.transaction(() => {
    memberId = Number(
      sqlite
        .prepare(
          `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at,
             status, status_changed_at, dormant_reason, dormant_since, last_contacted_at)
           VALUES (?, ?, ?, 'IS', 'standard', 1590, 'EUR', ?, 'notified', ?, 'never_watched', ?, ?)`,
        )
        .run(`e2e-erase-${now}`, EMAIL, NAME, now - 800 * DAY, now - DAY, now - 400 * DAY, now - DAY).lastInsertRowid,
    );
    campaignId = Number(
      sqlite
        .prepare(
          `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, send_started_at,
             deadline_at, created_by, created_at, updated_at)
           VALUES (?, 'awaiting_responses', 1, '{}', 'email', 0, 1, ?, ?, 1, ?, ?)`,
        )
        .run(`E2E erasure ${now}`, now - DAY, now + 20 * DAY, now - 2 * DAY, now - DAY).lastInsertRowid,
    );
    const variantId = sqlite
      .prepare(
        `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, offer, subject_template, body_template)
         VALUES (?, 'A', 'Variant A', 100, 'none', 'Last chance, {{first_name}}', 'Hello {{first_name}}')`,
      )
      .run(campaignId).lastInsertRowid;
    const recipientId = sqlite
      .prepare(
        `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, attempts, sent_at)
         VALUES (?, ?, ?, 'email', 'sent', ?, 1, ?)`,
      )
      .run(campaignId, memberId, variantId, now - DAY, now - DAY).lastInsertRowid;
    sqlite
      .prepare(
        `INSERT INTO messages (campaign_member_id, channel, to_address, subject, body_html, body_text, created_at, delivered_at, server_response)
         VALUES (?, 'email', ?, 'Last chance, Ottoline', '<p>Hello Ottoline</p>', 'Hello Ottoline', ?, ?, ?)`,
      )
      .run(recipientId, EMAIL, now - DAY, now - DAY, `250 2.0.0 Ok: queued for <${EMAIL}>`);
  })();
  sqlite.close();
});

test('an admin erases a member; the campaign outbox then shows their message erased, without address or name', async ({
  browser,
}) => {
  const cx = await (await browser.newContext({ storageState: as('cx') })).newPage();
  await cx.goto(`/campaigns/${campaignId}/outbox`);
  await expect(cx.getByRole('article', { name: `Message to ${EMAIL}` })).toBeVisible();

  const admin = await (await browser.newContext({ storageState: as('admin') })).newPage();
  await admin.goto(`/members/${memberId}`);
  await admin.getByLabel(/asked for their personal data to be erased/).check();
  await admin.getByRole('button', { name: 'Erase personal data' }).click();
  await expect(admin.getByText('Personal data erased (email, name and the messages sent to them)')).toBeVisible();

  await cx.reload();
  const message = cx.getByRole('article', { name: 'Message to (address erased)' });
  await expect(message.getByRole('heading', { name: 'Erased' })).toBeVisible();
  await message.getByText('Show the message').click();
  await expect(message.getByText('This message held the member’s personal data and was erased.')).toBeVisible();
  await expect(message).toContainText('250 2.0.0 Ok: queued for <[erased]>');
  const page = await cx.content();
  expect(page).not.toContain(EMAIL);
  expect(page).not.toContain('Ottoline');
  await cx.screenshot({ path: 'test-results/erasure-outbox.png', fullPage: true });
});
