import { type CurrencyTotals, convertMinor, REPORTING_CURRENCY } from '@/lib/domain/money';

/** One stored rate: reporting minor units per 1,000,000 minor units of `currency`, valid from `asOf`. */
export type FxRate = { currency: string; asOf: string; perMillionMinor: number };

/** The rates in force on a day: the latest stored on or before it (the first one for earlier days). */
export class FxTable {
  private byCurrency = new Map<string, FxRate[]>();

  constructor(rates: readonly FxRate[]) {
    for (const r of rates) {
      const list = this.byCurrency.get(r.currency) ?? [];
      list.push(r);
      this.byCurrency.set(r.currency, list);
    }
    for (const list of this.byCurrency.values()) list.sort((a, b) => (a.asOf < b.asOf ? -1 : 1));
  }

  rateOn(currency: string, day: string): FxRate | undefined {
    if (currency === REPORTING_CURRENCY) return { currency, asOf: day, perMillionMinor: 1_000_000 };
    const list = this.byCurrency.get(currency);
    if (!list?.length) return undefined;
    let found = list[0];
    for (const r of list) {
      if (r.asOf <= day) found = r;
      else break;
    }
    return found;
  }
}

/**
 * Converts per-currency totals to the reporting currency at the rates in force on `day`: each
 * currency's integer sum is converted once (one rounding per currency), then the results add up.
 * A currency without any stored rate is left out and named in `missing`, never guessed.
 */
export function toReporting(totals: CurrencyTotals, fx: FxTable, day: string): { minor: bigint; missing: string[] } {
  let minor = 0n;
  const missing: string[] = [];
  for (const [currency, amount] of Object.entries(totals)) {
    if (amount === 0n) continue;
    const rate = fx.rateOn(currency, day);
    if (!rate) missing.push(currency);
    else minor += convertMinor(amount, rate.perMillionMinor);
  }
  return { minor, missing: missing.sort() };
}
