import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { e2eEnv } from '../playwright.config';
import { as } from './helpers';

// Campaign delivery end to end, through a real SMTP server (e2e/smtp-sink.ts, started by
// playwright.config.ts; the app's SMTP_URL points at it). A CX manager builds a segment, writes
// two variants and a holdout, previews, schedules and sends; the sender (started with the server
// by instrumentation.ts) delivers; a member opens the keep link from the email they received and
// confirms; the campaign page shows it. Members are the test's own, in a country the seed does not use.

const DAY = 86_400_000;
const COUNTRY = 'LI';
const GOOD = 12;
const REJECTED = 3; // addresses the sink refuses with 550
const CAMPAIGN = 'E2E delivery Liechtenstein';

type Mail = { to: string[]; from: string; subject: string; messageId: string; text: string; html: string };
const db = () => new Database(process.env.E2E_DATABASE_URL as string);
const mails = (): Mail[] =>
  fs.existsSync(e2eEnv.smtpFile)
    ? fs
        .readFileSync(e2eEnv.smtpFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Mail)
    : [];
const ourMails = () => mails().filter((m) => m.to.some((t) => t.includes('e2e-dlv-')));

test.beforeAll(() => {
  const sqlite = db();
  const ins = sqlite.prepare(
    `INSERT OR IGNORE INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at,
       status, status_changed_at, dormant_reason, dormant_since)
     VALUES (?, ?, ?, ?, 'standard', 1590, 'CHF', ?, ?, 'dormant', ?, 'inactive', ?)`,
  );
  const now = Date.now();
  for (let i = 0; i < GOOD + REJECTED; i++) {
    const email = i < GOOD ? `e2e-dlv-${i}@example.test` : `reject-e2e-dlv-${i}@example.test`;
    ins.run(`e2e-dlv-${i}`, email, `<b>Lia</b> Test${i}`, COUNTRY, now - 1500 * DAY, now - 800 * DAY, now, now - 70 * DAY);
  }
  // One more member of the country, for the suppression list tests below (not in the campaign's segment: active).
  sqlite
    .prepare(
      `INSERT OR IGNORE INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at,
         status, status_changed_at) VALUES ('e2e-dlv-sup', 'e2e-dlv-sup@example.test', 'Sup', ?, 'standard', 1590, 'CHF', ?, ?, 'active', ?)`,
    )
    .run(COUNTRY, now - 100 * DAY, now - DAY, now);
  sqlite.close();
});

test.describe
  .serial('delivery by a CX manager', () => {
    test.use({ storageState: as('cx') });
    let campaignPath = '';
    let campaignId = 0;

    test('builds, previews and sends a campaign; every recipient gets exactly one email through SMTP', async ({ page }) => {
      await page.goto('/campaigns');
      await page.getByRole('link', { name: 'New campaign' }).click();
      await page.getByRole('checkbox', { name: COUNTRY, exact: true }).check();
      await expect(page.getByTestId('segment-count')).toContainText(`${GOOD + REJECTED} member`);
      await page.getByLabel('Campaign name').fill(CAMPAIGN);
      await page.getByLabel('Holdout (%)').fill('10');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await expect(page).toHaveURL(/\/campaigns\/\d+$/);
      campaignPath = new URL(page.url()).pathname;
      campaignId = Number(campaignPath.split('/').pop());

      // Preview on real members: the name's markup shown as text.
      const preview = page.getByRole('region', { name: 'Preview' });
      await expect(preview.getByText(/Subject: <b>Lia<\/b>/).first()).toBeVisible();

      // Schedule with no send time = queue and send now.
      await page.getByRole('button', { name: 'Schedule campaign' }).click();
      await expect(page.getByRole('region', { name: 'Delivery', exact: true })).toBeVisible();

      // The server's sender delivers everything (or fails it with the server's reason).
      const sqlite = db();
      const pending = () =>
        (
          sqlite
            .prepare(`SELECT count(*) AS n FROM campaign_members WHERE campaign_id = ? AND status IN ('queued', 'sending')`)
            .get(campaignId) as { n: number }
        ).n;
      await expect.poll(pending, { timeout: 30_000 }).toBe(0);
      const rows = sqlite
        .prepare(
          `SELECT cm.id, cm.status, m.email, cm.failed_reason AS reason FROM campaign_members cm JOIN members m ON m.id = cm.member_id
           WHERE cm.campaign_id = ? AND cm.status IN ('sent', 'failed')`,
        )
        .all(campaignId) as { id: number; status: string; email: string; reason: string | null }[];
      sqlite.close();
      const sent = rows.filter((r) => r.status === 'sent');
      const failed = rows.filter((r) => r.status === 'failed');
      expect(sent.length).toBeGreaterThan(0);
      expect(failed.length).toBeGreaterThan(0); // 3 refused addresses; ≥ 1 is not in the 10% holdout
      expect(failed.every((r) => r.email.startsWith('reject-'))).toBe(true);
      expect(failed.every((r) => r.reason?.startsWith('550 5.1.1 Mailbox does not exist'))).toBe(true);

      // Counted at the SMTP server: each sent recipient exactly once, From set, both parts, markup escaped.
      const got = ourMails();
      for (const r of sent) {
        const theirs = got.filter((m) => m.to.includes(r.email));
        expect(theirs, r.email).toHaveLength(1);
        const [m] = theirs;
        expect(m?.from).toBe('no-reply@rekindle.local');
        expect(m?.messageId).toBe(`<rekindle.c${campaignId}.r${r.id}@rekindle.local>`);
        expect(m?.text).toMatch(/Hi <b>Lia<\/b>,/);
        expect(m?.html).toContain('Hi &lt;b&gt;Lia&lt;/b&gt;,');
        expect(m?.html).not.toContain('<b>Lia</b>');
      }
      expect(got.filter((m) => m.to.some((t) => t.startsWith('reject-')))).toHaveLength(0);

      // The delivery panel: progress complete, counts per channel, the failure with the server's reason.
      await page.reload();
      const panel = page.getByRole('region', { name: 'Delivery', exact: true });
      await expect(panel.getByRole('progressbar', { name: 'Delivery progress' })).toHaveAttribute(
        'aria-valuenow',
        String(rows.length),
      );
      await expect(panel.getByRole('row', { name: /^Email/ })).toContainText(String(sent.length));
      await expect(panel.getByText('550 5.1.1 Mailbox does not exist (e2e sink)').first()).toBeVisible();
      await panel.screenshot({ path: '/tmp/delivery-delivery-panel.png' });

      // Retry the failures: queued again, refused again by the server, listed again.
      await panel.getByRole('button', { name: 'Retry failed messages' }).click();
      await expect(
        panel
          .getByRole('status')
          .filter({ hasText: `${failed.length} failed message${failed.length === 1 ? '' : 's'} queued again.` }),
      ).toBeVisible();
      const check = db();
      await expect
        .poll(
          () =>
            (
              check
                .prepare(`SELECT count(*) AS n FROM campaign_members WHERE campaign_id = ? AND status = 'failed'`)
                .get(campaignId) as { n: number }
            ).n,
          { timeout: 20_000 },
        )
        .toBe(failed.length);
      check.close();
      expect(ourMails().filter((m) => m.to.some((t) => t.startsWith('reject-')))).toHaveLength(0);
      await page.screenshot({ path: '/tmp/delivery-campaign-page.png', fullPage: true });
    });

    test('the outbox shows what was sent, with the server reply', async ({ page }) => {
      await page.goto(campaignPath);
      await page.getByRole('link', { name: 'Open the outbox' }).click();
      await expect(page.getByRole('heading', { name: `Outbox — ${CAMPAIGN}` })).toBeVisible();
      const first = page.getByRole('article').first();
      await expect(first).toBeVisible();
      await expect(page.getByText(/^250 /).first()).toBeVisible();
      await first.getByText('Show the message').click();
      await expect(first.getByText(/Hi <b>Lia<\/b>,/)).toBeVisible();
      await page.screenshot({ path: '/tmp/delivery-outbox.png', fullPage: true });
    });

    test('a member opens the keep link from the email they received and confirms; the page counts it', async ({
      page,
      browser,
    }) => {
      const sqlite = db();
      const r = sqlite
        .prepare(
          `SELECT m.email, v.key, (SELECT count(*) FROM campaign_members x WHERE x.campaign_id = cm.campaign_id
             AND x.variant_id = cm.variant_id AND x.status <> 'excluded') AS assigned
           FROM campaign_members cm JOIN members m ON m.id = cm.member_id JOIN campaign_variants v ON v.id = cm.variant_id
           WHERE cm.campaign_id = ? AND cm.status = 'sent' ORDER BY cm.id LIMIT 1`,
        )
        .get(campaignId) as { email: string; key: string; assigned: number };
      sqlite.close();
      const mail = ourMails().find((m) => m.to.includes(r.email));
      const link = /https?:\/\/\S+\/keep\/[A-Za-z0-9_.-]+/.exec(mail?.text ?? '')?.[0];
      expect(link, 'keep link in the received email').toBeTruthy();

      const member = await browser.newContext(); // the member: no staff session
      const keep = await member.newPage();
      await keep.goto(link as string);
      await expect(keep.getByRole('heading', { name: /^Do you want to keep your membership/ })).toBeVisible();
      await keep.getByRole('button', { name: 'Keep my membership', exact: true }).click();
      await expect(keep.getByRole('heading', { name: /^Thank you, .*Your membership stays\.$/ })).toBeVisible();
      await member.close();

      await page.goto(campaignPath);
      const row = page.getByTestId(`report-${r.key}`);
      await expect(row.getByRole('cell').nth(3)).toHaveText('1'); // Confirmed column (after Sent and Not reached)
      await expect(row).toContainText(`1 of ${r.assigned}`); // win-back rate: won back of assigned
    });
  });

test.describe('suppression list', () => {
  test.use({ storageState: as('cx') });

  test('a CX manager adds, imports (all or nothing) and removes entries', async ({ page }) => {
    await page.goto('/campaigns/suppression');
    await expect(page.getByRole('heading', { name: 'Suppression list' })).toBeVisible();
    await page.getByLabel('Account id', { exact: true }).fill('e2e-dlv-sup');
    await page.getByLabel('Reason', { exact: true }).fill('complaint by phone');
    await page.getByRole('button', { name: 'Add to suppression list' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'e2e-dlv-sup will never be contacted' })).toBeVisible();
    const row = page.getByRole('row', { name: /e2e-dlv-sup/ });
    await expect(row).toContainText('complaint by phone');
    await expect(row).toContainText('cx@rekindle.local');

    await page.getByLabel('Account id', { exact: true }).fill('e2e-dlv-sup');
    await page.getByLabel('Reason', { exact: true }).fill('again');
    await page.getByRole('button', { name: 'Add to suppression list' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'already on the suppression list' })).toBeVisible();

    // A CSV with an unknown account: nothing imported, the line named.
    const bad = 'account_id,reason\ne2e-dlv-0,legal\nnobody-here,complaint\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await expect(page.getByText('Line 3: no member has account id "nobody-here".')).toBeVisible();
    await expect(page.getByRole('row', { name: /e2e-dlv-0\b/ })).toHaveCount(0);
    const good = 'account_id,reason\ne2e-dlv-0,legal request\ne2e-dlv-1,legal request\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Imported 2 rows: 2 added, 0 already on the list.' })).toBeVisible();
    await page.screenshot({ path: '/tmp/delivery-suppression.png', fullPage: true });

    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Remove e2e-dlv-sup' }).click();
    await expect(page.getByRole('row', { name: /e2e-dlv-sup/ })).toHaveCount(0);
    const sqlite = db();
    const audits = sqlite.prepare(`SELECT action FROM audit_log WHERE action LIKE 'suppression.%' ORDER BY id`).all() as {
      action: string;
    }[];
    sqlite.close();
    expect(audits.map((a) => a.action)).toEqual(['suppression.added', 'suppression.imported', 'suppression.removed']);
  });
});

test.describe('who may see delivery pages', () => {
  test.use({ storageState: as('exec') });
  test('an executive cannot open the suppression list or an outbox', async ({ page }) => {
    await page.goto('/campaigns/suppression');
    await expect(page.getByRole('heading', { name: 'You are not allowed to open that page' })).toBeVisible();
    await page.goto('/campaigns/1/outbox');
    await expect(page.getByRole('heading', { name: 'You are not allowed to open that page' })).toBeVisible();
  });
});

test('the in-app notices API refuses callers without the API key', async ({ request }) => {
  expect((await request.get('/api/notices?account_id=e2e-dlv-0')).status()).toBe(401);
  const ok = await request.get('/api/notices?account_id=e2e-dlv-0', { headers: { authorization: 'Bearer e2e-api-key' } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ notices: [] });
  const ack = await request.post('/api/notices/ack', { data: { messageId: 1 } });
  expect(ack.status()).toBe(401);
});
