import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { signIn, withDb } from './helpers';

// An always-on campaign end to end: a CX manager creates it in the UI and starts it (today's
// cohort enrols at once), the daily enrolment runs for the next day (the command the scheduler's
// function backs), the page lists both cohorts with their figures and the total, and pausing and
// ending work from the page. Members are the test's own, in a country the demo seed does not use.

const DAY = 86_400_000;
const COUNTRY = 'MT';
const FIRST = 30;
const LATER = 6;

function addDormant(prefix: string, n: number) {
  withDb((db) => {
    const ins = db.prepare(
      `INSERT OR IGNORE INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at,
         status, status_changed_at, dormant_reason, dormant_since)
       VALUES (?, ?, 'Mara Test', ?, 'standard', 1299, 'EUR', ?, ?, 'dormant', ?, 'inactive', ?)`,
    );
    const now = Date.now();
    for (let i = 0; i < n; i++)
      ins.run(`${prefix}-${i}`, `${prefix}-${i}@example.test`, COUNTRY, now - 1500 * DAY, now - 800 * DAY, now, now - 70 * DAY);
  });
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

test.beforeAll(() => addDormant('e2e-ao', FIRST));

test('a CX manager runs an always-on campaign: cohorts by day with figures, then pause and end', async ({ page }) => {
  await signIn(page, 'cx@rekindle.local');
  await page.goto('/campaigns/new');
  await page.getByLabel('Campaign name').fill('E2E Malta always on');
  await page.getByRole('checkbox', { name: COUNTRY }).check();
  await expect(page.getByTestId('segment-count')).toContainText(`${FIRST} member`);
  await page.getByLabel('Holdout (%)').fill('20');
  await page.getByRole('checkbox', { name: /Always on/ }).check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const path = new URL(page.url()).pathname;

  await expect(page.getByRole('heading', { name: '3. Start (always on)' })).toBeVisible();
  await page.getByRole('button', { name: 'Start always-on campaign' }).click();
  // The page turns into the always-on campaign's page, today's cohort listed.
  const today = utcDay(Date.now());
  await expect(page.getByText('Always on: enrolling').first()).toBeVisible();
  const first = page.getByTestId(`cohort-${today}`);
  await expect(first.getByRole('cell').nth(2)).toHaveText(String(FIRST)); // assigned, holdout included
  await expect(page.getByText('Changes apply to future cohorts only')).toBeVisible();

  // Enrolling the same day again enrols nobody twice.
  await page.getByRole('button', { name: "Enrol today's cohort now" }).click();
  await expect(page.getByText('nobody was enrolled twice')).toBeVisible();

  // The next day's run enrols only the newly dormant members.
  addDormant('e2e-ao-next', LATER);
  const tomorrow = utcDay(Date.now() + DAY);
  const out = execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/enrol-always-on.ts', '--day', tomorrow], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
    encoding: 'utf8',
  });
  expect(out).toContain(`${LATER} member(s)`);
  await page.goto(path);
  await expect(page.getByTestId(`cohort-${tomorrow}`).getByRole('cell').nth(2)).toHaveText(String(LATER));
  await expect(page.getByTestId('cohort-total').getByRole('cell').nth(2)).toHaveText(String(FIRST + LATER));
  await expect(page.getByRole('heading', { name: /Results, all cohorts/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/always-on.png', fullPage: true });

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByText('Paused: no cohort is enrolled and the open cohorts send nothing until you resume.')).toBeVisible();
  await expect(page.getByText('Always on: paused').first()).toBeVisible();
  await expect(page.getByRole('button', { name: "Enrol today's cohort now" })).toHaveCount(0);

  await page.getByRole('button', { name: 'End campaign' }).click();
  await expect(page.getByText('Ended: no cohort will be enrolled again.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume' })).toHaveCount(0);
  await expect(page.getByText('Ended', { exact: true }).first()).toBeVisible();

  // The list shows the campaign once, with its cohorts' counts added up.
  await page.goto('/campaigns');
  const row = page.getByRole('row', { name: /E2E Malta always on/ });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').nth(2)).toHaveText(String(FIRST + LATER));
});
