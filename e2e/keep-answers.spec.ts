import { expect, test } from '@playwright/test';
import { signKeepToken } from '../lib/keep/keep-token';
import { setClockOffset, signIn, withDb } from './helpers';

// The keep page's three answers, end to end: a French member's page is in French (price in euros
// the French way); three members answer keep / keep with the offer / cancel now with a reason; the
// campaign report shows the three answers and the reason; past the leaver's period end the server's
// period-end job cancels them at their own request (member page), and no batch contains them.

const SECRET = 'rekindle-dev-keep-link-secret-change-me'; // lib/runtime/config.ts default, used by the e2e server
const DAY = 86_400_000;
const t0 = Date.now();
const tag = `KA${t0.toString(36).toUpperCase()}`;
const deadline = t0 + 5 * DAY;
const who = ['leaver', 'keeper', 'taker', 'silent'] as const;
type Who = (typeof who)[number];
const rec = {} as Record<Who, { member: number; cm: number; token: string }>;
let campaignId = 0;

test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 1280, height: 900 } });
test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  withDb((db) => {
    const pv = (db.prepare('SELECT max(id) AS id FROM policy_versions').get() as { id: number }).id;
    campaignId = (
      db
        .prepare(
          `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, send_started_at, deadline_at, created_by, created_at, updated_at)
           VALUES (?, 'awaiting_responses', ?, '{}', 'email', 0, 1, ?, ?, 1, ?, ?) RETURNING id`,
        )
        .get(`Keep answers ${tag}`, pv, t0 - DAY, deadline, t0 - 2 * DAY, t0 - DAY) as { id: number }
    ).id;
    const variant = (
      db
        .prepare(
          `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, offer, subject_template, body_template)
           VALUES (?, 'A', 'Free month', 100, 'free_month', 's', 'b') RETURNING id`,
        )
        .get(campaignId) as { id: number }
    ).id;
    for (const w of who) {
      const french = w === 'leaver';
      const member = (
        db
          .prepare(
            `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, language, joined_at, status,
               status_changed_at, dormant_reason, dormant_since)
             VALUES (?, ?, ?, ?, 'standard', 1299, ?, ?, ?, 'notified', ?, 'never_watched', ?) RETURNING id`,
          )
          .get(
            `${tag}-${w}`,
            `${tag}-${w}@example.com`.toLowerCase(),
            french ? 'Camille Dupont' : `Sam ${w}`,
            french ? 'FR' : 'US',
            french ? 'EUR' : 'USD',
            french ? 'fr' : 'en',
            t0 - 800 * DAY,
            t0 - DAY,
            t0 - 400 * DAY,
          ) as { id: number }
      ).id;
      const cm = (
        db
          .prepare(
            `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, attempts, sent_at)
             VALUES (?, ?, ?, 'email', 'sent', ?, 1, ?) RETURNING id`,
          )
          .get(campaignId, member, variant, t0 - 2 * DAY, t0 - DAY) as { id: number }
      ).id;
      rec[w] = { member, cm, token: signKeepToken(cm, deadline, SECRET) };
    }
  });
});

test.afterAll(() => setClockOffset(0));

test('a French member’s keep page is in French, and cancel now asks to confirm, with a reason and a counted note', async ({
  page,
}) => {
  await page.goto(`/keep/${rec.leaver.token}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { name: 'Souhaitez-vous conserver votre abonnement, Camille ?' })).toBeVisible();
  await expect(page.getByText(/à 12,99\s€ par mois/)).toBeVisible();
  await page.screenshot({ path: 'test-results/keep-answers-fr.png', fullPage: true });

  await page.getByRole('link', { name: 'Résilier mon abonnement' }).click();
  await expect(page.getByRole('heading', { name: 'Résilier votre abonnement ?' })).toBeVisible();
  // The confirmation screen is a GET: nothing is recorded yet.
  expect(
    withDb((db) => db.prepare('SELECT count(*) AS n FROM keep_confirmations WHERE campaign_member_id = ?').get(rec.leaver.cm)),
  ).toEqual({
    n: 0,
  });
  await page.getByRole('radio', { name: 'C’est trop cher' }).check();
  const note = page.getByLabel('Souhaitez-vous nous dire autre chose ? (facultatif)');
  await note.fill('Trop cher pour ce que je regarde. '.repeat(20));
  await expect(page.getByText('500 sur 500 caractères')).toBeVisible();
  await page.screenshot({ path: 'test-results/keep-answers-fr-leave.png', fullPage: true });
  await page.getByRole('button', { name: 'Oui, résilier à la fin de mon mois payé' }).click();
  await expect(page.getByRole('heading', { name: /^Votre abonnement prend fin le \d{1,2} \S+ \d{4}\.$/ })).toBeVisible();

  // Answered twice: the page shows the first answer.
  await page.goto(`/keep/${rec.leaver.token}`);
  await expect(page.getByText('Vous avez déjà répondu, Camille.')).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Votre abonnement prend fin le/ })).toBeVisible();
  const stored = withDb((db) =>
    db.prepare('SELECT reason, length(note) AS noteLength FROM leave_requests WHERE campaign_member_id = ?').get(rec.leaver.cm),
  );
  expect(stored).toEqual({ reason: 'too_expensive', noteLength: 500 });
});

test('one member keeps, another takes the offer', async ({ page }) => {
  await page.goto(`/keep/${rec.keeper.token}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Keep my membership', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you, Sam. Your membership stays.' })).toBeVisible();

  await page.goto(`/keep/${rec.taker.token}`);
  await page.getByRole('button', { name: 'Keep my membership and take the offer' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you, Sam. Your membership stays, with your offer.' })).toBeVisible();
});

test('the report shows the three answers and the reason', async ({ page }) => {
  await signIn(page, 'cx@rekindle.local');
  await page.goto(`/campaigns/${campaignId}`);
  const answers = page.getByTestId('answers-A');
  await expect(answers.getByRole('cell')).toHaveText(['1', '1', '1']);
  await expect(page.getByRole('table', { name: /Reasons given by members who chose to leave/ })).toContainText('Too expensive');
  await expect(page.getByTestId('report-A')).toBeVisible();
  await page.getByRole('heading', { name: 'Answers on the keep page' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/keep-answers-report.png', fullPage: true });
});

test('past the period end the job cancels the leaver at their own request; no batch contains them', async ({ page }) => {
  const endsAt = withDb(
    (db) =>
      (db.prepare('SELECT ends_at AS e FROM leave_requests WHERE campaign_member_id = ?').get(rec.leaver.cm) as { e: number }).e,
  );
  const status = () =>
    withDb((db) => db.prepare('SELECT status, cancellation_source AS source FROM members WHERE id = ?').get(rec.leaver.member));
  expect(status()).toMatchObject({ source: null });
  // Past the campaign's deadline and the leaver's period end: the sender's housekeeping closes the
  // campaign (its batch proposes the silent member) and runs the period-end job.
  setClockOffset(Math.max(endsAt, deadline) - Date.now() + DAY);
  await expect.poll(status, { timeout: 30_000 }).toEqual({ status: 'cancelled', source: 'member_request' });
  await expect
    .poll(() => withDb((db) => db.prepare('SELECT count(*) AS n FROM batches WHERE campaign_id = ?').get(campaignId)), {
      timeout: 30_000,
    })
    .toEqual({ n: 1 });
  const inBatches = withDb((db) =>
    db
      .prepare(
        'SELECT member_id AS m FROM batch_members WHERE batch_id IN (SELECT id FROM batches WHERE campaign_id = ?) ORDER BY 1',
      )
      .all(campaignId),
  );
  expect(inBatches).toEqual([{ m: rec.silent.member }]);

  await signIn(page, 'cx@rekindle.local');
  await page.goto(`/members/${rec.leaver.member}`);
  await expect(page.getByText('Cancelled at own request')).toBeVisible();
  await expect(page.getByText(/at their own request/)).toBeVisible();
  await page.screenshot({ path: 'test-results/keep-answers-member.png', fullPage: true });

  // The overview counts them apart: their own card, beside (not in) the members cancelled by Rekindle.
  // The aggregates refresh in the background after a change, so reload until the card has caught up.
  const figure = page
    .getByRole('term')
    .filter({ hasText: /^Left at own request in/ })
    .locator('xpath=..')
    .getByRole('definition');
  await expect(async () => {
    await page.goto('/overview');
    await expect(figure).toContainText(/^1\s*1 in all/, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.screenshot({ path: 'test-results/keep-answers-overview.png', fullPage: true });
});
