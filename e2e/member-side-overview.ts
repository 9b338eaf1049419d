import { expect, type Page } from '@playwright/test';
import { formatMoney } from '../lib/domain/money';
import { withDb } from './helpers';
import { defaultRange, forgoneRow, funnelCounts, ownRequestCounts } from './member-side-figures';

// The overview's figures read from the page as a person reads them (the headline cards, and the
// charts' "numbers as a table"), held against e2e/member-side-figures.ts's SQL recomputation.

/** The overview's figures against their SQL recomputation, retried while the aggregates refresh in the background. */
export async function expectOverviewMatchesSql(page: Page, clockOffset: number, leaverId: number) {
  const today = new Date(Date.now() + clockOffset).toISOString().slice(0, 10);
  const { from, to } = defaultRange(today);
  const leaverMonth = new Date(
    withDb((db) => db.prepare('SELECT cancelled_at FROM members WHERE id = ?').pluck().get(leaverId) as number),
  )
    .toISOString()
    .slice(0, 7);
  const usd = (minor: number) => formatMoney(BigInt(minor), 'USD');
  const card = (label: RegExp) => page.getByRole('term').filter({ hasText: label }).locator('xpath=..').getByRole('definition');
  const tableOf = async (title: string) => {
    const region = page.getByRole('region', { name: title });
    await region.getByText('Show the numbers as a table').click();
    return (rowHeader: string) =>
      region
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: rowHeader, exact: true }) })
        .getByRole('cell');
  };

  await expect(async () => {
    const sql = withDb((db) => ({
      own: ownRequestCounts(db, today.slice(0, 4)),
      funnel: funnelCounts(db, from, to),
      current: forgoneRow(db, to, today),
      leaverMonth: forgoneRow(db, leaverMonth, today),
    }));
    expect(sql.own.ever).toBeGreaterThanOrEqual(1);
    await page.goto('/overview');
    await expect(card(/^Left at own request in/)).toContainText(
      new RegExp(`^${sql.own.thisYear.toLocaleString('en-US')}\\s*${sql.own.ever.toLocaleString('en-US')} in all`),
      { timeout: 1_000 },
    );
    // The 90-day win-back card (an older definition, over every spec's campaigns) is checked by
    // e2e/overview.spec.ts; here only the figures the member's answers move.
    const funnel = await tableOf('From dormant to rejoined');
    await expect(funnel('Won back (confirmed or reactivated)').first()).toHaveText(sql.funnel.wonBack.toLocaleString('en-US'), {
      timeout: 1_000,
    });
    await expect(funnel('Chose to leave (cancelled at own request, not in a batch)').first()).toHaveText(
      sql.funnel.choseToLeave.toLocaleString('en-US'),
      { timeout: 1_000 },
    );
    const forgone = await tableOf('Forgone revenue per month');
    for (const [month, r] of [
      [to, sql.current],
      [leaverMonth, sql.leaverMonth],
    ] as const)
      await expect(forgone(month)).toHaveText(
        [
          r.members.toLocaleString('en-US'),
          usd(r.forgone),
          usd(r.cumulative),
          r.ownMembers.toLocaleString('en-US'),
          usd(r.ownAmount),
        ],
        { timeout: 1_000 },
      );
  }).toPass({ timeout: 60_000 });
  await page.screenshot({ path: 'test-results/member-side-overview.png', fullPage: true });
}
