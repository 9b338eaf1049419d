import { type FxTable, toReporting } from '@/lib/domain/metrics/fx';
import { addTo, type CurrencyTotals } from '@/lib/domain/money';

export type BatchMoney = {
  members: number;
  /** Monthly revenue per currency, integer minor units (sorted by currency). */
  monthly: { currency: string; minor: bigint }[];
  /** 12 × monthly, per currency (DOMAIN.md: forgone revenue, annualised). */
  annual: { currency: string; minor: bigint }[];
  /** Reporting-currency totals at the rates of `day`; meaningless when `missing` names a currency without a rate. */
  reporting: { monthly: bigint; annual: bigint; missing: string[] };
};

/**
 * Count and money of the batch members in `states` (e.g. 'included' before execution, 'cancelled'
 * after). Sums stay integers per currency; the reporting total converts each currency's sum once
 * (round(sum × per_million / 1e6)), then adds — and annualises the converted monthly sum × 12.
 */
export function batchMoney(
  rows: readonly { state: string; currency: string; members: number; monthlyMinor: number }[],
  states: readonly string[],
  fx: FxTable,
  day: string,
): BatchMoney {
  const totals: CurrencyTotals = {};
  let members = 0;
  for (const r of rows) {
    if (!states.includes(r.state)) continue;
    members += r.members;
    addTo(totals, r.currency, r.monthlyMinor);
  }
  const monthly = Object.entries(totals)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, minor]) => ({ currency, minor }));
  const converted = toReporting(totals, fx, day);
  return {
    members,
    monthly,
    annual: monthly.map((m) => ({ currency: m.currency, minor: m.minor * 12n })),
    reporting: { monthly: converted.minor, annual: converted.minor * 12n, missing: converted.missing },
  };
}
