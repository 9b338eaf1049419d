import { addMonthsToMonth, lastDayOfMonth } from '@/lib/domain/metrics/days';
import { minorDigits, REPORTING_CURRENCY } from '@/lib/domain/money';
import type { SeedContext } from './context';

/**
 * Demo exchange rates to the reporting currency (USD): US dollars per one unit of each currency
 * the seeder's markets use (db/seed/markets.ts), plus a few neighbours an import may bring.
 * Roughly 2024–25 levels; the demo moves them a little each month so conversions by date matter.
 */
export const DEMO_USD_PER_UNIT: Record<string, number> = {
  EUR: 1.08,
  GBP: 1.27,
  BRL: 0.19,
  MXN: 0.055,
  CAD: 0.74,
  INR: 0.012,
  JPY: 0.0067,
  AUD: 0.66,
  KRW: 0.00074,
  SEK: 0.094,
  PLN: 0.25,
  CHF: 1.12,
  NOK: 0.093,
  DKK: 0.145,
  NZD: 0.6,
};

/** fx_rates scale: reporting minor units per 1,000,000 minor units of the currency. */
export function perMillionMinor(currency: string, usdPerUnit: number): number {
  const usdMinorPerUnit = usdPerUnit * 10 ** minorDigits(REPORTING_CURRENCY);
  return Math.round((usdMinorPerUnit * 1_000_000) / 10 ** minorDigits(currency));
}

/** One rate per currency at the start of each month, for the last 36 months and this one (idempotent). */
export function seedFxRates({ sqlite, now, log }: SeedContext): void {
  const insert = sqlite.prepare(
    'INSERT INTO fx_rates (currency, as_of, per_million_minor) VALUES (?, ?, ?) ON CONFLICT(currency, as_of) DO UPDATE SET per_million_minor = excluded.per_million_minor',
  );
  const thisMonth = new Date(now).toISOString().slice(0, 7);
  let rows = 0;
  sqlite.transaction(() => {
    Object.entries(DEMO_USD_PER_UNIT).forEach(([currency, usd], c) => {
      for (let i = 36; i >= 0; i--) {
        const month = addMonthsToMonth(thisMonth, -i);
        // Deterministic drift: a slow yearly swing of ±3%, phase-shifted per currency.
        const wobble = 1 + 0.03 * Math.sin((2 * Math.PI * (36 - i)) / 12 + c);
        insert.run(currency, `${month}-01`, perMillionMinor(currency, usd * wobble));
        rows++;
      }
    });
  })();
  log(
    `${rows} monthly exchange rates to ${REPORTING_CURRENCY} (${Object.keys(DEMO_USD_PER_UNIT).length} currencies, to ${lastDayOfMonth(thisMonth)})`,
  );
}
