import { addTo, type CurrencyTotals } from '@/lib/domain/money';
import { lastDayOfMonth } from './days';
import type { ToUsd } from './overview-money';

// Members who chose to leave on a keep page and were cancelled at their own request at the end of
// their paid month (DOMAIN.md "Chose to leave"). Counted apart from Rekindle's batch cancellations:
// not in the members cancelled, forgone revenue, rejoin rate or forecast.

export type OwnCancellationRow = {
  cancelDay: string;
  country: string;
  plan: string;
  currency: string;
  n: number;
  priceMinor: number;
};

export type OwnRequestMonth = { members: number; amount: number };

/** Per month (YYYY-MM): members cancelled at their own request that month, and Σ their monthly price in USD. */
export function ownRequestByMonth(rows: readonly OwnCancellationRow[], usd: ToUsd, today: string): Map<string, OwnRequestMonth> {
  const byMonth = new Map<string, { members: number; totals: CurrencyTotals }>();
  for (const r of rows) {
    const month = r.cancelDay.slice(0, 7);
    const m = byMonth.get(month) ?? { members: 0, totals: {} };
    m.members += r.n;
    addTo(m.totals, r.currency, r.priceMinor);
    byMonth.set(month, m);
  }
  const out = new Map<string, OwnRequestMonth>();
  // Rates of the month's last day (today's for the current month), as for forgone revenue.
  for (const [month, m] of byMonth)
    out.set(month, { members: m.members, amount: usd(m.totals, month === today.slice(0, 7) ? today : lastDayOfMonth(month)) });
  return out;
}

/** Members cancelled at their own request with a cancel day in [fromDay, toDay]. */
export function ownRequestBetween(rows: readonly OwnCancellationRow[], fromDay: string, toDay: string): number {
  let n = 0;
  for (const r of rows) if (r.cancelDay >= fromDay && r.cancelDay <= toDay) n += r.n;
  return n;
}
