// Money is integer minor units with an ISO 4217 currency. Sums stay integers (BigInt where a
// product could pass 2^53); only display divides, and only once, at the very end.

export const REPORTING_CURRENCY = 'USD';

/** Scale of the fx_rates table: reporting minor units per 1,000,000 minor units of a currency. */
export const FX_SCALE = 1_000_000n;

const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency as Intl knows them (USD 2, JPY 0, KRW 0, BHD 3). */
export function minorDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, d);
  }
  return d;
}

/** Integer division rounding half away from zero (so −0.5 → −1 and 0.5 → 1, symmetric). */
export function divRound(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return neg ? -q : q;
}

/** Converts an amount in minor units of a currency to reporting minor units at `perMillionMinor`. */
export function convertMinor(amountMinor: bigint | number, perMillionMinor: number): bigint {
  return divRound(BigInt(amountMinor) * BigInt(perMillionMinor), FX_SCALE);
}

/** Totals per currency, in minor units. */
export type CurrencyTotals = Record<string, bigint>;

export function addTo(totals: CurrencyTotals, currency: string, minor: bigint | number) {
  totals[currency] = (totals[currency] ?? 0n) + BigInt(minor);
}

/** Minor units to a decimal string in major units, exact (e.g. 123456 USD → "1234.56", 500 JPY → "500"). */
export function minorToDecimal(minor: bigint | number, currency: string): string {
  const digits = minorDigits(currency);
  const v = BigInt(minor);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  if (digits === 0) return (neg ? '-' : '') + abs.toString();
  const s = abs.toString().padStart(digits + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** Formats minor units for people; `compact` gives "$1.2M" for cards and axes. */
export function formatMoney(minor: bigint | number, currency: string, opts: { compact?: boolean; locale?: string } = {}): string {
  const digits = minorDigits(currency);
  // Number() only for display: the exact value is minorToDecimal's string.
  const major = Number(minorToDecimal(minor, currency));
  const compactDigits = Math.abs(major) >= 1000 ? 1 : digits;
  return moneyFormat(opts.locale ?? 'en-US', currency, opts.compact ? compactDigits : null, digits).format(major);
}

// Building an Intl.NumberFormat costs far more than formatting with one (it dominated the
// overview's render time), so each distinct format is built once per process.
const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(locale: string, currency: string, compactDigits: number | null, digits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${compactDigits}|${digits}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(compactDigits !== null
        ? { notation: 'compact', maximumFractionDigits: compactDigits }
        : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    });
    moneyFormats.set(key, f);
  }
  return f;
}
