import { type CancellationRow, firstCancellationMonth, forgoneForMonth } from './cancellations';
import { lastDayOfMonth, monthsBetween } from './days';
import { annualise } from './forecast';
import type { ToUsd } from './overview-money';
import type { OwnRequestMonth } from './overview-own-request';
import type { DataTable } from './table';

export type ForgonePoint = { month: string; members: number; amount: number; cumulative: number };

/**
 * Forgone revenue for each month from the first batch's to the current one, in USD at the rates
 * of the month's last day (today's for the current month), with the running total.
 */
export function forgoneSeries(cancellations: CancellationRow[], today: string, usd: ToUsd): ForgonePoint[] {
  const currentMonth = today.slice(0, 7);
  const firstMonth = firstCancellationMonth(cancellations);
  const months = firstMonth ? monthsBetween(firstMonth, currentMonth) : [];
  let running = 0;
  return months.map((month) => {
    const fm = forgoneForMonth(cancellations, month);
    const rateDay = month === currentMonth ? today : lastDayOfMonth(month);
    const amount = usd(fm.totals, rateDay);
    running += amount;
    return { month, members: fm.members, amount, cumulative: running };
  });
}

/** The headline forgone figures: the latest month's, annualised (12 ×), and cumulative. */
export function forgoneFigures(series: ForgonePoint[]) {
  const latest = series.at(-1);
  const monthUsd = latest?.amount ?? 0;
  return {
    monthUsd,
    monthMembers: latest?.members ?? 0,
    annualUsd: Number(annualise(BigInt(monthUsd))),
    cumulativeUsd: latest?.cumulative ?? 0,
  };
}

/**
 * The forgone chart's table over the filtered months, from..to, with the members who left at their
 * own request beside it: their revenue is lost too, but Rekindle did not cancel them, so it is not forgone.
 */
export function forgoneTable(
  series: ForgonePoint[],
  from: string,
  to: string,
  own: ReadonlyMap<string, OwnRequestMonth> = new Map(),
): DataTable {
  const inRange = new Map(series.map((p) => [p.month, p]));
  return {
    columns: [
      { key: 'month', label: 'Month', format: 'text' },
      { key: 'members', label: 'Cancelled, not rejoined', format: 'int' },
      { key: 'forgone', label: 'Forgone revenue that month', format: 'money' },
      { key: 'cumulative', label: 'Cumulative since first batch', format: 'money' },
      { key: 'ownMembers', label: 'Cancelled at own request that month (not forgone)', format: 'int' },
      { key: 'ownAmount', label: 'Monthly price of those who left at own request (not forgone)', format: 'money' },
    ],
    rows: monthsBetween(from, to).map((month) => {
      const p = inRange.get(month);
      // Before the first batch nothing is forgone; the cumulative line starts at the first batch.
      const o = own.get(month);
      return [month, p?.members ?? 0, p?.amount ?? 0, p?.cumulative ?? 0, o?.members ?? 0, o?.amount ?? 0];
    }),
  };
}
