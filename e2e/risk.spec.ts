import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { signIn, withDb } from './helpers';

// Members at risk end to end: the test adds members of its own in a country the demo seed does not
// use (MT) — five who drift away and three who keep watching — scores everyone with
// `npm run risk:score` as the daily cycle would, then reads the figures the pages show back from
// the database.

const DAY = 86_400_000;
const DRIFTING = 5;
const STEADY = 3;

test.beforeAll(() => {
  const now = Date.now();
  withDb((db) => {
    // beforeAll runs again in a new worker after a failed test: add the members once.
    if (db.prepare(`SELECT 1 FROM members WHERE account_id = 'e2e-risk-0'`).get()) return;
    const member = db.prepare(
      `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at)
       VALUES (?, ?, 'Risk Test', 'MT', 'standard', 999, 'EUR', ?, ?, 'active', ?)`,
    );
    const view = db.prepare(
      'INSERT INTO viewing_events (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, 1, 1200)',
    );
    for (let i = 0; i < DRIFTING + STEADY; i++) {
      // Every 10 days from 400 days ago: until 200 days ago for the drifting, until yesterday for the others.
      const stopDaysAgo = i < DRIFTING ? 200 : 1;
      const views = Array.from({ length: (400 - stopDaysAgo) / 10 + 1 }, (_, k) => now - (400 - 10 * k) * DAY);
      views[views.length - 1] = now - stopDaysAgo * DAY;
      const id = Number(
        member.run(`e2e-risk-${i}`, `e2e-risk-${i}@example.test`, now - 900 * DAY, views.at(-1), now).lastInsertRowid,
      );
      for (const t of views) view.run(id, t);
    }
  });
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/risk-score.ts'], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
    stdio: 'pipe',
  });
});

test.describe('members at risk', () => {
  test('the Risk page shows the backtest table by band and its AUC, as stored by the scoring', async ({ page }) => {
    await signIn(page, 'cx@rekindle.local');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'At risk' }).click();
    await expect(page.getByRole('heading', { name: 'Members at risk', level: 1 })).toBeVisible();
    await expect(page.getByText(/the daily cycle re-runs it weekly/)).toBeVisible();
    const table = page.getByRole('table', { name: 'Backtest by band' });
    const stored = withDb(
      (db) =>
        db
          .prepare(
            `SELECT CASE WHEN score >= 50 THEN 'High' WHEN score >= 25 THEN 'Medium' ELSE 'Low' END AS band,
               sum(positives + negatives) AS members, sum(positives) AS became FROM risk_backtest GROUP BY band`,
          )
          .all() as { band: string; members: number; became: number }[],
    );
    for (const band of ['High', 'Medium', 'Low']) {
      const s = stored.find((r) => r.band === band) ?? { members: 0, became: 0 };
      const row = table.getByRole('row', { name: new RegExp(`^${band}\\b`) });
      await expect(row.getByRole('cell').nth(0)).toHaveText(s.members.toLocaleString('en'));
      await expect(row.getByRole('cell').nth(1)).toHaveText(s.became.toLocaleString('en'));
    }
    await expect(page.getByTestId('risk-auc')).toHaveText(/^(0|1)\.\d{3}$/);
    await expect(page.getByTestId('risk-formula')).toContainText('× ln(1 + days since last view ÷ usual gap)');
    await page.screenshot({ path: '/tmp/risk-page.png', fullPage: true });
  });

  test('a CX manager builds an at-risk segment and sees its count', async ({ page }) => {
    await signIn(page, 'cx@rekindle.local');
    await page.goto('/campaigns/new');
    await page.getByRole('checkbox', { name: 'MT' }).check();
    await expect(page.getByTestId('segment-count')).toContainText('0 members match'); // none of them is dormant
    await page.getByRole('checkbox', { name: 'At risk: high' }).check();
    const high = withDb(
      (db) =>
        db
          .prepare(
            `SELECT count(*) FROM member_risk r JOIN members m ON m.id = r.member_id WHERE m.country = 'MT' AND r.band = 'high'`,
          )
          .pluck()
          .get() as number,
    );
    expect(high).toBe(DRIFTING);
    await expect(page.getByTestId('segment-count')).toContainText(`${DRIFTING} members match`);
    await page.getByLabel('Campaign name').fill('E2E at-risk check');
    await page.screenshot({ path: '/tmp/risk-segment.png', fullPage: true });
    // The saved draft's edit form shows the same segment: saving it again keeps the at-risk audience.
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page).toHaveURL(/\/campaigns\/\d+$/);
    await expect(page.getByRole('checkbox', { name: 'At risk: high' })).toBeChecked();
    await expect(page.getByTestId('segment-count')).toContainText(`${DRIFTING} members match`);
    await page.screenshot({ path: '/tmp/risk-draft.png', fullPage: true });
  });

  test('the member page shows the score with its reasons in words', async ({ page }) => {
    const id = withDb((db) => db.prepare(`SELECT id FROM members WHERE account_id = 'e2e-risk-0'`).pluck().get() as number);
    await signIn(page, 'cx@rekindle.local');
    await page.goto(`/members/${id}`);
    const section = page.getByRole('region', { name: 'Risk of going dormant' });
    await expect(section).toContainText('High risk');
    await expect(section.getByRole('listitem').first()).toHaveText('last watched 200 days ago, usually every 10 days');
    await expect(section.getByRole('listitem').nth(1)).toHaveText(
      'watched 0 times in the last 90 days, 0 times in the 90 before (usually 9)',
    );
    await page.screenshot({ path: '/tmp/risk-member.png', fullPage: true });
  });
});
