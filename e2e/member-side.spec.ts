import fs from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { assignArm } from '../lib/domain/campaigns/assignment';
import { e2eEnv } from '../playwright.config';
import { setClockOffset, signIn, withDb } from './helpers';
import { expectOverviewMatchesSql } from './member-side-overview';

// The member's side, one chain with the same members: a CX manager writes a campaign with two
// variants (B with the free-month offer) in English, French and German for dormant members in
// Luxembourg (three French, two German, one English, all paying in euros); the real SMTP server
// (e2e/smtp-sink.ts) receives the French members' emails in French with the price in euros written
// the French way; each French member follows the keep link from their own email to a French keep
// page: one keeps, one takes the offer, one cancels now with a reason and a note. The report shows
// the three answers and the reason; past the leaver's period end and the deadline the period-end
// job cancels the leaver at their own request while the campaign's batch holds none of the three;
// the overview's figures equal an SQL recomputation from the definitions (e2e/member-side-figures.ts).

const DAY = 86_400_000;
const COUNTRY = 'LU';
const CAMPAIGN = 'E2E member side Luxembourg';
const OTHERS = [
  ...[0, 1].map((i) => ({ id: `e2e-ms-de-${i}`, name: `Jonas Weber${i}`, language: 'de' })),
  { id: 'e2e-ms-en-0', name: 'Sam Taylor', language: 'en' },
];
const FRENCH = [
  { role: 'keeper', id: 'e2e-ms-fr-keeper', name: 'Camille Martin' },
  { role: 'taker', id: 'e2e-ms-fr-taker', name: 'Léa Bernard' },
  { role: 'leaver', id: 'e2e-ms-fr-leaver', name: 'Hugo Petit' },
] as const;
type Role = (typeof FRENCH)[number]['role'];
const memberIds = {} as Record<Role, number>;
let campaignId = 0;

type Mail = { to: string[]; subject: string; text: string; html: string };
const mailTo = (account: string): Mail[] =>
  (fs.existsSync(e2eEnv.smtpFile) ? fs.readFileSync(e2eEnv.smtpFile, 'utf8').split('\n').filter(Boolean) : [])
    .map((l) => JSON.parse(l) as Mail)
    .filter((m) => m.to.includes(`${account}@example.test`));

const insertMember = `INSERT INTO members (id, account_id, email, display_name, country, language, plan, price_minor, currency,
    joined_at, last_viewed_at, status, status_changed_at, dormant_reason, dormant_since)
  VALUES (@id, @account, @email, @name, '${COUNTRY}', @language, 'standard', 999, 'EUR', @joined, @viewed, 'dormant', @now, 'inactive', @since)`;
const memberValues = (id: number | null, account: string, name: string, language: string) => {
  const now = Date.now();
  return {
    id,
    account,
    email: `${account}@example.test`,
    name,
    language,
    joined: now - 1500 * DAY,
    viewed: now - 800 * DAY,
    now,
    since: now - 70 * DAY,
  };
};

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 900 } });
test.afterAll(() => setClockOffset(0));

test.beforeAll(() => {
  withDb((db) => {
    for (const p of OTHERS) db.prepare(insertMember).run(memberValues(null, p.id, p.name, p.language));
  });
});

/**
 * The French members join the segment once the draft has its seed: their ids are picked so the
 * offer taker lands in variant B and the others in A (assignment hashes the campaign's seed and the
 * member id, lib/domain/campaigns/assignment.ts; queueing checks the same hash in SQL).
 */
function addFrenchMembers(id: number) {
  withDb((db) => {
    const seed = db.prepare('SELECT seed FROM campaigns WHERE id = ?').pluck().get(id) as number;
    const variants = db
      .prepare('SELECT id, key, split_pct AS splitPct FROM campaign_variants WHERE campaign_id = ? ORDER BY key')
      .all(id) as { id: number; key: string; splitPct: number }[];
    const variantOf = (memberId: number) => variants.find((v) => v.id === assignArm(seed, memberId, 0, variants))?.key;
    let next = (db.prepare('SELECT max(id) FROM members').pluck().get() as number) + 1;
    for (const p of FRENCH) {
      const want = p.role === 'taker' ? 'B' : 'A';
      while (variantOf(next) !== want) next++;
      db.prepare(insertMember).run(memberValues(next, p.id, p.name, 'fr'));
      memberIds[p.role] = next++;
    }
  });
}

const keepLinkOf = (role: Role) => {
  const account = FRENCH.find((p) => p.role === role)?.id as string;
  const [mail] = mailTo(account);
  expect(mail, `an email to ${account}`).toBeDefined();
  const link = mail?.text.match(/https?:\/\/\S+\/keep\/[^\s<>")]+/)?.[0];
  expect(link, `a keep link in the email to ${account}`).toBeDefined();
  return link as string;
};

test('a campaign in English, French and German reaches the French members in French, the price in euros the French way', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, 'cx@rekindle.local');
  await page.goto('/campaigns/new');
  await page.getByRole('checkbox', { name: COUNTRY, exact: true }).check();
  await expect(page.getByTestId('segment-count')).toContainText(`${OTHERS.length} members`);
  await page.getByLabel('Campaign name').fill(CAMPAIGN);
  await page.getByLabel('Holdout (%)').fill('0');
  await expect(page.getByLabel('Variant B offer')).toHaveValue('free_month');
  const translate = async (k: 'A' | 'B', texts: Record<'fr' | 'de', [string, string]>) => {
    for (const [i, language] of (['fr', 'de'] as const).entries()) {
      await page.getByRole('button', { name: `Add a language to variant ${k}` }).click();
      await page.getByLabel(`Variant ${k} translation ${i + 1} language`).fill(language);
      await page.getByLabel(`Variant ${k} translation ${i + 1} subject`).fill(texts[language][0]);
      await page.getByLabel(`Variant ${k} translation ${i + 1} message`).fill(texts[language][1]);
    }
  };
  await translate('A', {
    fr: [
      '{{first_name}}, gardez-vous votre abonnement ?',
      'Bonjour {{first_name}},\n\nVous payez {{price}} par mois.\n\nRépondez avant le {{deadline}} : {{keep_link}}',
    ],
    de: [
      '{{first_name}}, behalten Sie Ihre Mitgliedschaft?',
      'Hallo {{first_name}},\n\nSie zahlen {{price}} im Monat.\n\nAntworten Sie bis zum {{deadline}}: {{keep_link}}',
    ],
  });
  await translate('B', {
    fr: [
      '{{first_name}}, une offre pour rester',
      'Bonjour {{first_name}},\n\nSi vous restez, {{offer}}. Vous payez {{price}} par mois.\n\nRépondez ici : {{keep_link}}',
    ],
    de: [
      '{{first_name}}, ein Angebot zum Bleiben',
      'Hallo {{first_name}},\n\nWenn Sie bleiben, {{offer}}. Sie zahlen {{price}} im Monat.\n\nAntworten Sie hier: {{keep_link}}',
    ],
  });
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  campaignId = Number(new URL(page.url()).pathname.split('/').pop());

  addFrenchMembers(campaignId);
  await page.reload();
  const byLanguage = page.getByRole('region', { name: 'Recipients by language' });
  await expect(byLanguage.getByRole('row', { name: /French \(fr\)\s+3/ })).toContainText('Yes, in every variant');
  await expect(byLanguage.getByRole('row', { name: /German \(de\)\s+2/ })).toBeVisible();

  await page.getByRole('button', { name: 'Schedule campaign' }).click();
  await expect(page.getByRole('region', { name: 'Delivery', exact: true })).toBeVisible({ timeout: 30_000 });
  const arms = withDb(
    (db) =>
      db
        .prepare(
          `SELECT m.account_id AS account, v.key FROM campaign_members cm JOIN members m ON m.id = cm.member_id
           JOIN campaign_variants v ON v.id = cm.variant_id WHERE cm.campaign_id = ? AND m.language = 'fr' ORDER BY m.id`,
        )
        .all(campaignId) as { account: string; key: string }[],
  );
  expect(arms).toEqual(FRENCH.map((p) => ({ account: p.id, key: p.role === 'taker' ? 'B' : 'A' })));
  const pending = () =>
    withDb(
      (db) =>
        db
          .prepare(`SELECT count(*) FROM campaign_members WHERE campaign_id = ? AND status IN ('queued', 'sending')`)
          .pluck()
          .get(campaignId) as number,
    );
  await expect.poll(pending, { timeout: 45_000 }).toBe(0);

  // At the SMTP server: each French member's email is in French, "9,99 €" with a no-break space.
  for (const p of FRENCH) {
    const [mail] = mailTo(p.id);
    const first = p.name.split(' ')[0];
    expect(mail?.html).toContain('lang="fr"');
    expect(mail?.text).toContain('Vous payez 9,99\u00a0€ par mois.');
    if (p.role === 'taker') {
      expect(mail?.subject).toBe(`${first}, une offre pour rester`);
      expect(mail?.text).toContain('Si vous restez, votre dernier mois est offert.');
    } else expect(mail?.subject).toBe(`${first}, gardez-vous votre abonnement ?`);
  }
  expect(mailTo('e2e-ms-de-0')[0]?.text).toContain('Sie zahlen 9,99\u00a0€ im Monat.');
  expect(mailTo('e2e-ms-en-0')[0]?.text).toContain('Hi Sam,');
});

test.describe('the French members answer from the links in their emails', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  const openKeepPage = async (page: Page, role: Role) => {
    await page.goto(keepLinkOf(role));
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByText(/à 9,99\s€ par mois/)).toBeVisible();
  };

  test('one keeps, one takes the offer, one cancels now with a reason and a note', async ({ page }) => {
    await openKeepPage(page, 'keeper');
    await expect(page.getByRole('heading', { name: 'Souhaitez-vous conserver votre abonnement, Camille ?' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Conserver mon abonnement et profiter de l’offre' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Conserver mon abonnement', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Merci, Camille. Votre abonnement est conservé.' })).toBeVisible();

    await openKeepPage(page, 'taker');
    await expect(page.getByText('Notre offre : votre dernier mois vous est offert.')).toBeVisible();
    await page.screenshot({ path: 'test-results/member-side-keep-fr.png', fullPage: true });
    await page.getByRole('button', { name: 'Conserver mon abonnement et profiter de l’offre' }).click();
    await expect(
      page.getByRole('heading', { name: 'Merci, Léa. Votre abonnement est conservé, avec votre offre.' }),
    ).toBeVisible();

    await openKeepPage(page, 'leaver');
    await page.getByRole('link', { name: 'Résilier mon abonnement' }).click();
    await expect(page.getByRole('heading', { name: 'Résilier votre abonnement ?' })).toBeVisible();
    await page.getByRole('radio', { name: 'C’est trop cher' }).check();
    await page.getByLabel('Souhaitez-vous nous dire autre chose ? (facultatif)').fill('Je regarde trop peu pour ce prix.');
    await page.getByRole('button', { name: 'Oui, résilier à la fin de mon mois payé' }).click();
    await expect(page.getByRole('heading', { name: /^Votre abonnement prend fin le \d{1,2} \S+ \d{4}\.$/ })).toBeVisible();

    const answers = withDb((db) =>
      db
        .prepare(
          `SELECT cm.member_id AS member, cm.outcome, cm.offer_accepted AS offer, lr.reason, lr.note
           FROM campaign_members cm LEFT JOIN leave_requests lr ON lr.campaign_member_id = cm.id
           WHERE cm.campaign_id = ? AND cm.member_id IN (?, ?, ?) ORDER BY cm.member_id`,
        )
        .all(campaignId, memberIds.keeper, memberIds.taker, memberIds.leaver),
    );
    expect(answers).toEqual([
      { member: memberIds.keeper, outcome: 'confirmed', offer: 0, reason: null, note: null },
      { member: memberIds.taker, outcome: 'confirmed', offer: 1, reason: null, note: null },
      {
        member: memberIds.leaver,
        outcome: 'chose_to_leave',
        offer: 0,
        reason: 'too_expensive',
        note: 'Je regarde trop peu pour ce prix.',
      },
    ]);
  });
});

test('the report shows the three answers and the reason', async ({ page }) => {
  await signIn(page, 'cx@rekindle.local');
  await page.goto(`/campaigns/${campaignId}`);
  // A has no offer (—): the keeper and the leaver; B: the offer taker.
  await expect(page.getByTestId('answers-A').getByRole('cell')).toHaveText(['1', '—', '1']);
  await expect(page.getByTestId('answers-B').getByRole('cell')).toHaveText(['0', '1', '0']);
  await expect(page.getByRole('table', { name: /Reasons given by members who chose to leave/ })).toContainText('Too expensive');
  await page.getByRole('heading', { name: 'Answers on the keep page' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/member-side-report.png', fullPage: true });
});

test('past the period end and the deadline: the job cancels the leaver at their own request, the batch holds none of the three, and the overview matches SQL', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const { endsAt, deadline } = withDb(
    (db) =>
      db
        .prepare(
          `SELECT lr.ends_at AS endsAt, c.deadline_at AS deadline FROM leave_requests lr JOIN campaigns c ON c.id = lr.campaign_id
           WHERE lr.member_id = ? AND lr.campaign_id = ?`,
        )
        .get(memberIds.leaver, campaignId) as { endsAt: number; deadline: number },
  );
  const offset = Math.max(endsAt, deadline) - Date.now() + DAY;
  setClockOffset(offset);
  const leaver = () =>
    withDb((db) =>
      db
        .prepare(
          'SELECT status, cancellation_source AS source, cancelled_at AS at, cancelled_batch_id AS batch FROM members WHERE id = ?',
        )
        .get(memberIds.leaver),
    );
  await expect
    .poll(leaver, { timeout: 45_000 })
    .toEqual({ status: 'cancelled', source: 'member_request', at: endsAt, batch: null });
  const batchMembers = () =>
    withDb(
      (db) =>
        db
          .prepare(
            `SELECT m.account_id FROM batch_members bm JOIN batches b ON b.id = bm.batch_id JOIN members m ON m.id = bm.member_id
             WHERE b.campaign_id = ? ORDER BY 1`,
          )
          .pluck()
          .all(campaignId) as string[],
    );
  // The batch proposes the silent members (German and English), none of the French three.
  await expect.poll(batchMembers, { timeout: 45_000 }).toEqual(OTHERS.map((p) => p.id).sort());

  await signIn(page, 'cx@rekindle.local');
  await page.goto(`/members/${memberIds.leaver}`);
  await expect(page.getByText('Cancelled at own request')).toBeVisible();
  await expect(page.getByText(/at their own request/)).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, 'exec@rekindle.local');
  await expectOverviewMatchesSql(page, offset, memberIds.leaver);
});
