import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { signKeepToken } from '../lib/keep/keep-token';
import { signIn } from './helpers';

// Last-chance campaigns end to end (delivery's SMTP round trip lives in its own spec).
// The test adds its own dormant members in a country the demo seed does not use (IS), so the
// segment is known exactly whatever the seed's history took.

const DAY = 86_400_000;
const SECRET = 'rekindle-dev-keep-link-secret-change-me'; // lib/runtime/config.ts default, used by the e2e server
const MEMBERS = 24;
const NO_EMAIL = 4; // of which without an email address

function db() {
  return new Database(process.env.E2E_DATABASE_URL!);
}

test.beforeAll(() => {
  const sqlite = db();
  const ins = sqlite.prepare(
    `INSERT OR IGNORE INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at,
       status, status_changed_at, dormant_reason, dormant_since)
     VALUES (?, ?, '<i>Ana</i> Test', 'IS', 'standard', 199900, 'ISK', ?, ?, 'dormant', ?, 'inactive', ?)`,
  );
  const now = Date.now();
  for (let i = 0; i < MEMBERS; i++)
    ins.run(
      `e2e-cmp-${i}`,
      i < NO_EMAIL ? null : `e2e-cmp-${i}@example.test`,
      now - 1500 * DAY,
      now - 800 * DAY,
      now,
      now - 70 * DAY,
    );
  sqlite.close();
});

async function countShows(page: Page, n: number) {
  await expect(page.getByTestId('segment-count')).toContainText(`${n.toLocaleString('en')} member`);
}

test.describe
  .serial('campaign by a CX manager', () => {
    test.beforeEach(({ page }) => signIn(page, 'cx@rekindle.local'));
    let campaignPath = '';

    test('builds a segment, writes two variants and a holdout, previews and schedules it', async ({ page }) => {
      await page.goto('/campaigns');
      await page.getByRole('link', { name: 'New campaign' }).click();
      await expect(page.getByRole('heading', { name: 'New campaign' })).toBeVisible();
      await page.getByRole('checkbox', { name: 'IS', exact: true }).check();
      await countShows(page, MEMBERS);
      await page.getByRole('checkbox', { name: 'premium' }).check();
      await countShows(page, 0);
      await page.getByRole('checkbox', { name: 'premium' }).uncheck();
      await countShows(page, MEMBERS);

      await page.getByLabel('Campaign name').fill('E2E Iceland last chance');
      await page.getByLabel('Holdout (%)').fill('20');
      await page
        .getByLabel('Variant B message')
        .fill('Hello {{first_name}} <script>alert(1)</script>\nIf you stay, {{offer}}. {{keep_link}}');
      // Bad input first: splits not adding to 100 and an unknown variable are named beside their fields.
      await page.getByLabel('Variant A split (% of non-holdout)').fill('60');
      await page.getByLabel('Variant A subject').fill('Hi {{firstname}}');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await expect(page.getByText('The variant splits add up to 110%; they must add up to 100%.')).toBeVisible();
      await expect(page.getByText(/Unknown variable \{\{firstname\}\}/)).toBeVisible();
      await expect(page).toHaveURL(/\/campaigns\/new$/);
      await page.getByLabel('Variant A split (% of non-holdout)').fill('50');
      await page.getByLabel('Variant A subject').fill('{{first_name}}, do you still want your membership?');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await expect(page).toHaveURL(/\/campaigns\/\d+$/);
      campaignPath = new URL(page.url()).pathname;

      // Preview on real members of the segment: the name and the template's markup shown as text.
      const preview = page.getByRole('region', { name: 'Preview' });
      await expect(preview.getByRole('link', { name: 'Sample 2' })).toBeVisible();
      await preview.getByRole('link', { name: 'Sample 2' }).click();
      await expect(preview.getByRole('link', { name: 'Sample 2' })).toHaveAttribute('aria-current', 'true');
      const bodyB = page.frameLocator('iframe[title="Message body, variant B"]');
      await expect(bodyB.getByText('Hello <i>Ana</i> <script>alert(1)</script>')).toBeVisible();
      await expect(bodyB.getByText('your last month is on us', { exact: false })).toBeVisible();
      await expect(preview.getByText('Subject: <i>Ana</i>, do you still want your membership?')).toBeVisible();
      await page.screenshot({ path: '/tmp/campaigns-builder.png', fullPage: true });

      // A deadline in the past is refused; then schedule for tomorrow.
      await page.getByLabel('Response deadline (UTC, optional)').fill('2020-01-01T10:00');
      await page.getByRole('button', { name: 'Schedule campaign' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'The response deadline is in the past' })).toBeVisible();
      await page.getByLabel('Response deadline (UTC, optional)').fill('');
      const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 16);
      await page.getByLabel('Send at (UTC, optional)').fill(tomorrow);
      await page.getByRole('button', { name: 'Schedule campaign' }).click();
      await expect(page.locator('header').getByText('Scheduled', { exact: true })).toBeVisible();

      // The queue summary: exactly who is reached on which channel, and why the others are not.
      const summary = page.getByRole('region', { name: 'Who will be reached' });
      const sqlite = db();
      const id = Number(campaignPath.split('/').pop());
      const q = sqlite
        .prepare(`SELECT status, count(*) AS n FROM campaign_members WHERE campaign_id = ? GROUP BY status`)
        .all(id) as { status: string; n: number }[];
      sqlite.close();
      const by = Object.fromEntries(q.map((r) => [r.status, r.n]));
      expect(by.excluded).toBe(NO_EMAIL);
      expect((by.queued ?? 0) + (by.holdout ?? 0)).toBe(MEMBERS - NO_EMAIL);
      await expect(summary.getByRole('row', { name: /By email/ })).toContainText(String(by.queued));
      await expect(summary.getByRole('row', { name: /By in-app notice/ })).toContainText('0');
      await expect(summary.getByRole('row', { name: /Excluded: No email address/ })).toContainText(String(NO_EMAIL));
      await expect(summary.getByRole('row', { name: /Holdout/ })).toContainText(String(by.holdout ?? 0));
      await expect(page.getByRole('button', { name: 'Save draft' })).toHaveCount(0);

      await page.getByRole('button', { name: 'Send now' }).click();
      await expect(page.locator('header').getByText(/^(Sending|Awaiting responses)$/)).toBeVisible();
      await expect(page.getByRole('button', { name: 'Send now' })).toHaveCount(0);
    });

    test('a member confirms from the keep link; the report counts it; a tampered link changes nothing', async ({
      page,
      browser,
    }) => {
      const sqlite = db();
      const id = Number(campaignPath.split('/').pop());
      const r = sqlite
        .prepare(
          `SELECT cm.id, c.deadline_at AS deadline, v.key FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
         JOIN campaign_variants v ON v.id = cm.variant_id WHERE cm.campaign_id = ? AND v.offer = 'free_month' ORDER BY cm.id LIMIT 1`,
        )
        .get(id) as { id: number; deadline: number; key: string };
      const assigned = (
        sqlite
          .prepare(`SELECT count(*) AS n FROM campaign_members WHERE campaign_id = ? AND variant_id IS NOT NULL AND status <> 'excluded'
        AND variant_id = (SELECT id FROM campaign_variants WHERE campaign_id = ? AND key = ?)`)
          .get(id, id, r.key) as { n: number }
      ).n;
      sqlite.close();
      const token = signKeepToken(r.id, r.deadline, SECRET);

      const member = await browser.newContext(); // no staff session: the page is public
      const keep = await member.newPage();
      await keep.goto(`/keep/${token}`);
      await expect(keep.getByRole('heading', { name: 'Do you want to keep your membership, <i>Ana</i>?' })).toBeVisible();
      await expect(keep.getByText('Our offer: your last month is on us.')).toBeVisible();
      // Opening the link confirmed nothing.
      const check = db();
      expect(check.prepare('SELECT outcome FROM campaign_members WHERE id = ?').get(r.id)).toEqual({ outcome: 'pending' });
      check.close();
      await keep.getByRole('button', { name: 'Keep my membership and take the offer' }).click();
      const kept = keep.getByRole('heading', { name: 'Thank you, <i>Ana</i>. Your membership stays, with your offer.' });
      await expect(kept).toBeVisible();
      await keep.reload();
      // Answered already: the page shows the first answer.
      await expect(keep.getByText('You have already answered, <i>Ana</i>.')).toBeVisible();
      await expect(kept).toBeVisible();

      const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
      await keep.goto(`/keep/${tampered}`);
      await expect(keep.getByRole('heading', { name: 'We could not read this link.' })).toBeVisible();
      await expect(keep.getByRole('button', { name: 'Keep my membership' })).toHaveCount(0);
      await member.close();

      const after = db();
      expect(after.prepare('SELECT outcome, offer_accepted AS o FROM campaign_members WHERE id = ?').get(r.id)).toEqual({
        outcome: 'confirmed',
        o: 1,
      });
      expect(after.prepare('SELECT count(*) AS n FROM keep_confirmations WHERE campaign_member_id = ?').get(r.id)).toEqual({
        n: 1,
      });
      after.close();

      await page.goto(campaignPath);
      const row = page.getByTestId(`report-${r.key}`);
      await expect(row).toContainText(`1 of ${assigned}`);
      await expect(page.getByText(/Newcombe's method from Wilson intervals/)).toBeVisible();
      await page.screenshot({ path: '/tmp/campaigns-report.png', fullPage: true });
    });
  });

test.describe('executive', () => {
  test.beforeEach(({ page }) => signIn(page, 'exec@rekindle.local'));
  test('views campaigns and a report but has no edit controls, and cannot open the builder', async ({ page }) => {
    await page.goto('/campaigns');
    await expect(page.getByRole('heading', { name: 'Campaigns' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'New campaign' })).toHaveCount(0);
    await page.getByRole('link', { name: 'E2E Iceland last chance' }).click();
    await expect(page.getByRole('region', { name: 'Results' })).toBeVisible();
    for (const name of ['Save draft', 'Schedule campaign', 'Send now', 'Cancel campaign'])
      await expect(page.getByRole('button', { name })).toHaveCount(0);
    await page.goto('/campaigns/new');
    await expect(page.getByRole('heading', { name: 'You are not allowed to open that page' })).toBeVisible();
  });
});
