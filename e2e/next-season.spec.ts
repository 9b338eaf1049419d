import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { e2eEnv } from '../playwright.config';
import { signIn, withDb } from './helpers';

// The next-season win-back end to end: the catalogue adds season 2 of a series some members
// cancelled by Rekindle watched season 1 of; a CX manager builds its campaign in one step and
// schedules it; the real SMTP server receives the invitations (no keep link); a recipient rejoins
// through POST /api/rejoins and the overview counts one next-season win-back, as SQL recomputes.

const KEY = { authorization: 'Bearer e2e-api-key' };
const DAY = 86_400_000;
const SERIES = `Harbour Lights ${Date.now().toString(36)}`;
const VIEWERS = 4;

type Mail = { to: string[]; subject: string; text: string };
const mailsTo = (addresses: string[]): Mail[] =>
  (fs.existsSync(e2eEnv.smtpFile) ? fs.readFileSync(e2eEnv.smtpFile, 'utf8').split('\n').filter(Boolean) : [])
    .map((l) => JSON.parse(l) as Mail)
    .filter((m) => m.to.some((t) => addresses.includes(t)));

/** Members cancelled by a batch 20 days ago, within the retention window, who watched season 1. */
function cancelledViewers(season1: number, accounts: string[]) {
  withDb((db) => {
    const now = Date.now();
    const ins = db.prepare(
      `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, language, joined_at, last_viewed_at,
         status, status_changed_at, cancelled_at, cancelled_batch_id, cancellation_source, retention_until)
       VALUES (?, ?, ?, 'GB', 'standard', 1099, 'GBP', 'en', ?, ?, 'cancelled', ?, ?, 1, 'batch', ?)`,
    );
    const view = db.prepare(
      'INSERT INTO viewing_events (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, ?, 2700)',
    );
    for (const a of accounts) {
      const id = ins.run(
        a,
        `${a.toLowerCase()}@example.com`,
        `Viewer ${a}`,
        now - 900 * DAY,
        now - 800 * DAY,
        now - 20 * DAY,
        now - 20 * DAY,
        now + 200 * DAY,
      ).lastInsertRowid;
      view.run(id, now - 800 * DAY, season1);
    }
  });
}

/** Next-season win-backs recomputed from the tables: rejoins within 60 days after a win-back message reached the member. */
const recomputedWinBacks = () =>
  withDb(
    (db) =>
      db
        .prepare(
          `SELECT count(*) FROM rejoins r WHERE EXISTS (
             SELECT 1 FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
             WHERE cm.member_id = r.member_id AND cm.sent_at IS NOT NULL AND cm.bounced_at IS NULL
               AND json_extract(c.segment, '$.nextSeasonTitleId') IS NOT NULL
               AND r.rejoined_at BETWEEN cm.sent_at AND cm.sent_at + 60 * ${DAY})`,
        )
        .pluck()
        .get() as number,
  );

test('a new season is added, its win-back is built in one step and sent, and a rejoin is attributed to it on the overview', async ({
  page,
  request,
}) => {
  const s1 = await request.post('/api/titles', {
    headers: KEY,
    data: { titles: [{ name: `${SERIES}: Season 1`, kind: 'series', series: SERIES, season: 1 }] },
  });
  expect(s1.status()).toBe(200);
  const season1 = withDb(
    (db) => db.prepare('SELECT id FROM titles WHERE series = ? AND season = 1').pluck().get(SERIES) as number,
  );
  const accounts = Array.from({ length: VIEWERS + 1 }, (_, i) => `NS-E2E-${Date.now().toString(36)}-${i}`);
  cancelledViewers(season1, accounts);
  // The last viewer opted out of win-back messages: never invited.
  const optOut = await request.put('/api/members/consent', {
    headers: KEY,
    data: { account_id: accounts[VIEWERS], winback_consent: false },
  });
  expect(await optOut.json()).toMatchObject({ ok: true, winback_consent: false, changed: true });

  const s2 = await request.post('/api/titles', {
    headers: KEY,
    data: { titles: [{ name: `${SERIES}: Season 2`, kind: 'series', series: SERIES, season: 2 }] },
  });
  expect(await s2.json()).toMatchObject({ ok: true, newSeasons: [{ series: SERIES, season: 2 }] });

  await signIn(page, 'cx@rekindle.local');
  await page.goto('/catalogue');
  const series = page.getByRole('region', { name: SERIES });
  await expect(series.getByRole('button', { name: `Invite back for ${SERIES} season 1` })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/next-season-catalogue.png', fullPage: true });
  await series.getByRole('button', { name: `Invite back for ${SERIES} season 2` }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const campaignId = Number(page.url().split('/').pop());
  await expect(page.getByTestId('segment-count')).toContainText(`${VIEWERS} members match`);
  await expect(page.getByTestId('segment-count')).toContainText('Next-season win-back');
  await expect(page.getByLabel('Variant A message')).not.toHaveValue(/keep_link/);
  await page.screenshot({ path: '/tmp/next-season-draft.png', fullPage: true });

  await page.getByRole('button', { name: 'Schedule campaign' }).click();
  await expect(page.locator('header').getByText(/^(Sending|Awaiting responses)$/)).toBeVisible();

  // The in-server sender delivers to the real SMTP server.
  const sent = () =>
    withDb(
      (db) =>
        db
          .prepare(
            `SELECT m.account_id FROM campaign_members cm JOIN members m ON m.id = cm.member_id
             WHERE cm.campaign_id = ? AND cm.status = 'sent' ORDER BY m.account_id`,
          )
          .pluck()
          .all(campaignId) as string[],
    );
  const assigned = withDb(
    (db) => db.prepare('SELECT count(*) FROM campaign_members WHERE campaign_id = ?').pluck().get(campaignId) as number,
  );
  expect(assigned).toBe(VIEWERS);
  const queued = withDb(
    (db) =>
      db
        .prepare("SELECT count(*) FROM campaign_members WHERE campaign_id = ? AND status <> 'holdout'")
        .pluck()
        .get(campaignId) as number,
  );
  await expect.poll(() => sent().length, { timeout: 30_000 }).toBe(queued);
  const recipients = sent();
  const addresses = recipients.map((a) => `${a.toLowerCase()}@example.com`);
  await expect.poll(() => mailsTo(addresses).length, { timeout: 15_000 }).toBe(recipients.length);
  for (const m of mailsTo(addresses)) {
    expect(m.subject).toContain(`${SERIES} season 2 is here`);
    expect(m.text).not.toContain('/keep/');
  }
  expect(mailsTo([`${accounts[VIEWERS]!.toLowerCase()}@example.com`])).toEqual([]);

  const rejoin = await request.post('/api/rejoins', { headers: KEY, data: { account_id: recipients[0] } });
  expect(await rejoin.json()).toMatchObject({ ok: true, already_rejoined: false });
  const attributed = withDb(
    (db) =>
      db
        .prepare('SELECT r.next_season_campaign_id FROM rejoins r JOIN members m ON m.id = r.member_id WHERE m.account_id = ?')
        .pluck()
        .get(recipients[0]) as number | null,
  );
  expect(attributed).toBe(campaignId);

  const exec = await page.context().browser()!.newPage();
  await signIn(exec, 'exec@rekindle.local');
  await exec.goto('/overview');
  const card = exec.getByRole('region', { name: 'Next-season win-backs' });
  await expect(card.getByTestId('next-season-ever')).toHaveText('1');
  await expect(card.getByTestId('next-season-this-year')).toHaveText('1');
  expect(recomputedWinBacks()).toBe(1);
  await card.screenshot({ path: '/tmp/next-season-overview-card.png' });
  await exec.close();
});
