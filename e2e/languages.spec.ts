import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { e2eEnv } from '../playwright.config';
import { signIn, withDb } from './helpers';

// Languages end to end: a CX manager writes one variant in English (the default), French and
// German, sees the recipients per language and the warning that Italian falls back to English,
// previews a French member's message, schedules, and the real SMTP server (e2e/smtp-sink.ts)
// receives the French member's email in French with the euro price written the French way.
// Members are the test's own, in a country the seed does not use.

const DAY = 86_400_000;
const COUNTRY = 'MC';
const CAMPAIGN = 'E2E languages Monaco';
const PEOPLE = [
  ...[0, 1, 2, 3].map((i) => ({ id: `e2e-lang-fr-${i}`, name: `Camille Test${i}`, language: 'fr' })),
  ...[0, 1, 2].map((i) => ({ id: `e2e-lang-de-${i}`, name: `Jonas Test${i}`, language: 'de' })),
  ...[0, 1].map((i) => ({ id: `e2e-lang-it-${i}`, name: `Giulia Test${i}`, language: 'it' })),
];

type Mail = { to: string[]; subject: string; text: string; html: string };
const mails = (): Mail[] =>
  fs.existsSync(e2eEnv.smtpFile)
    ? fs
        .readFileSync(e2eEnv.smtpFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Mail)
    : [];
const mailTo = (account: string) => mails().filter((m) => m.to.includes(`${account}@example.test`));

test.beforeAll(() => {
  withDb((db) => {
    const ins = db.prepare(
      `INSERT OR IGNORE INTO members (account_id, email, display_name, country, language, plan, price_minor, currency, joined_at,
         last_viewed_at, status, status_changed_at, dormant_reason, dormant_since)
       VALUES (?, ?, ?, ?, ?, 'standard', 999, 'EUR', ?, ?, 'dormant', ?, 'inactive', ?)`,
    );
    const now = Date.now();
    for (const p of PEOPLE)
      ins.run(p.id, `${p.id}@example.test`, p.name, COUNTRY, p.language, now - 1500 * DAY, now - 800 * DAY, now, now - 70 * DAY);
  });
});

test('a campaign in three languages reaches a French member in French, with the price in euros the French way', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'cx@rekindle.local');
  await page.goto('/campaigns/new');
  await page.getByRole('checkbox', { name: COUNTRY, exact: true }).check();
  await expect(page.getByTestId('segment-count')).toContainText(`${PEOPLE.length} members`);
  await page.getByLabel('Campaign name').fill(CAMPAIGN);
  await page.getByLabel('Holdout (%)').fill('0');
  await page.getByLabel('Number of variants').selectOption('1');
  await page.getByLabel('Variant A split (% of non-holdout)').fill('100');

  // Two more languages for variant A; the first French text names a variable that does not exist.
  await page.getByRole('button', { name: 'Add a language to variant A' }).click();
  await page.getByLabel('Variant A translation 1 language').fill('fr');
  await page.getByLabel('Variant A translation 1 subject').fill('{{first_name}}, gardez-vous votre abonnement ?');
  await page
    .getByLabel('Variant A translation 1 message')
    .fill('Bonjour {{first_name}},\n\nVous payez {{prix}} par mois.\n\nRépondez avant le {{deadline}} : {{keep_link}}');
  await page.getByRole('button', { name: 'Add a language to variant A' }).click();
  await page.getByLabel('Variant A translation 2 language').fill('de');
  await page.getByLabel('Variant A translation 2 subject').fill('{{first_name}}, behalten Sie Ihre Mitgliedschaft?');
  await page
    .getByLabel('Variant A translation 2 message')
    .fill('Hallo {{first_name}},\n\nSie zahlen {{price}} im Monat.\n\nAntworten Sie bis zum {{deadline}}: {{keep_link}}');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Variant A, French body: unknown variable {{prix}}')).toBeVisible();
  await expect(page).toHaveURL(/\/campaigns\/new$/);

  await page
    .getByLabel('Variant A translation 1 message')
    .fill('Bonjour {{first_name}},\n\nVous payez {{price}} par mois.\n\nRépondez avant le {{deadline}} : {{keep_link}}');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const campaignId = Number(new URL(page.url()).pathname.split('/').pop());

  // Recipients per language, and the warning for the language without a translation.
  const byLanguage = page.getByRole('region', { name: 'Recipients by language' });
  await expect(byLanguage.getByRole('row', { name: /French \(fr\)\s+4/ })).toContainText('Yes, in every variant');
  await expect(byLanguage.getByRole('row', { name: /German \(de\)\s+3/ })).toBeVisible();
  await expect(byLanguage.getByRole('row', { name: /Italian \(it\)\s+2/ })).toContainText('Falls back to English in variant A');
  await expect(byLanguage.getByRole('alert')).toContainText('2 members in Italian will get the English text');
  await byLanguage.screenshot({ path: '/tmp/languages-recipients.png' });

  // The preview renders for real members in their language: an Italian one gets the English
  // default (said so), a French one French with the price formatted the French way. Each click
  // waits for its sample to become current, so no navigation is still in flight when scheduling.
  const preview = page.getByRole('region', { name: 'Preview' });
  const italianSample = preview.getByRole('link', { name: /Italian/ }).first();
  await italianSample.click();
  await expect(italianSample).toHaveAttribute('aria-current', 'true');
  await expect(preview.getByText('in English (no translation in the member’s language: default text)')).toBeVisible();
  const frenchSample = preview.getByRole('link', { name: /French/ }).first();
  await frenchSample.click();
  await expect(frenchSample).toHaveAttribute('aria-current', 'true');
  await expect(preview.getByText(/Subject: Camille, gardez-vous votre abonnement \?/)).toBeVisible();
  await expect(
    preview
      .frameLocator('iframe')
      .first()
      .getByText(/Vous payez 9,99\s€ par mois/),
  ).toBeVisible();
  await preview.screenshot({ path: '/tmp/languages-preview.png' });

  await page.getByRole('button', { name: 'Schedule campaign' }).click();
  await expect(page.getByRole('region', { name: 'Delivery', exact: true })).toBeVisible({ timeout: 30_000 });
  const pending = () =>
    withDb(
      (db) =>
        (
          db
            .prepare(`SELECT count(*) AS n FROM campaign_members WHERE campaign_id = ? AND status IN ('queued', 'sending')`)
            .get(campaignId) as { n: number }
        ).n,
    );
  await expect.poll(pending, { timeout: 45_000 }).toBe(0);

  // At the SMTP server: French in French with "9,99 €" (a no-break space before the sign), German
  // in German, Italian in the English default.
  const [french] = mailTo('e2e-lang-fr-0');
  expect(french?.subject).toBe('Camille, gardez-vous votre abonnement ?');
  expect(french?.text).toContain('Vous payez 9,99\u00a0€ par mois.');
  expect(french?.text).toMatch(/Répondez avant le \d{1,2} \S+ \d{4} :/);
  expect(french?.html).toContain('lang="fr"');
  expect(mailTo('e2e-lang-de-0')[0]?.text).toContain('Sie zahlen 9,99\u00a0€ im Monat.');
  expect(mailTo('e2e-lang-it-0')[0]?.text).toContain('You are still paying €9.99 a month');

  // The outbox records the language each message was sent in.
  await page.goto(`/campaigns/${campaignId}/outbox`);
  await expect(page.getByRole('article', { name: 'Message to e2e-lang-fr-0@example.test' })).toContainText('French (fr)');
  await page
    .getByRole('article', { name: 'Message to e2e-lang-fr-0@example.test' })
    .screenshot({ path: '/tmp/languages-outbox.png' });
});
