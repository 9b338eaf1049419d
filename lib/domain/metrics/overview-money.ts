import type { CurrencyTotals } from '@/lib/domain/money';
import { type FxTable, toReporting } from './fx';

/**
 * Converts per-currency totals to reporting (USD) minor units in plain numbers (exact below 2^53
 * cents, about 90 trillion dollars), remembering every currency that had no rate, which the
 * overview names rather than counting as zero.
 */
export function reportingConverter(fx: FxTable) {
  const missing = new Set<string>();
  return {
    usd(totals: CurrencyTotals, day: string): number {
      const r = toReporting(totals, fx, day);
      for (const c of r.missing) missing.add(c);
      return Number(r.minor);
    },
    missingRates: () => [...missing].sort(),
  };
}

export type ToUsd = ReturnType<typeof reportingConverter>['usd'];
