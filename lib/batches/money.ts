/** Money in integer minor units per currency (never floats for sums). */
export type MoneyByCurrency = { currency: string; minor: number }[];

export const REPORTING_CURRENCY = 'USD';

/** Annualised value of a monthly amount: 12 × monthly, exact in integers. */
export function annualise(rows: MoneyByCurrency): MoneyByCurrency {
  return rows.map((r) => ({ currency: r.currency, minor: r.minor * 12 }));
}

/**
 * Converts per-currency sums to the reporting currency: for each currency
 * round(sum_minor × per_million_minor / 1e6), half away from zero, in BigInt so a sum of
 * millions of prices times a rate never loses a unit. Null when a currency has no rate.
 */
export function toReporting(rows: MoneyByCurrency, perMillion: Record<string, number>): { minor: number; missing: string[] } {
  let total = 0n;
  const missing: string[] = [];
  for (const r of rows) {
    const rate = r.currency === REPORTING_CURRENCY ? (perMillion[r.currency] ?? 1_000_000) : perMillion[r.currency];
    if (rate == null) {
      missing.push(r.currency);
      continue;
    }
    total += roundDiv(BigInt(r.minor) * BigInt(rate), 1_000_000n);
  }
  return { minor: Number(total), missing };
}

/** a / b rounded half away from zero (b > 0). */
export function roundDiv(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = (abs + b / 2n) / b;
  return neg ? -q : q;
}

/** Formats minor units with Intl (the currency's own number of decimals). */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const digits = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits);
}
