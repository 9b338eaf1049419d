// Demo markets: where members live, what they pay. Prices are monthly, in the currency's minor unit
// (cents, pence, centavos, paise, öre…). JPY and KRW have no minor unit: their prices are whole yen/won.

export const PLANS = ['basic', 'standard', 'premium'] as const;
export type Plan = (typeof PLANS)[number];
export const PLAN_WEIGHTS: Record<Plan, number> = { basic: 0.34, standard: 0.46, premium: 0.2 };

export type NameGroup = 'en' | 'pt' | 'es' | 'de' | 'fr' | 'it' | 'nl' | 'ja' | 'ko' | 'hi' | 'sv' | 'pl';

export type Market = {
  country: string; // ISO 3166-1 alpha-2
  currency: string; // ISO 4217
  weight: number; // share of members (sums to 100)
  prices: Record<Plan, number>; // current monthly price, minor units
  names: NameGroup;
};

export const MARKETS: Market[] = [
  { country: 'US', currency: 'USD', weight: 30, prices: { basic: 999, standard: 1549, premium: 2299 }, names: 'en' },
  { country: 'BR', currency: 'BRL', weight: 9, prices: { basic: 2190, standard: 3990, premium: 5990 }, names: 'pt' },
  { country: 'GB', currency: 'GBP', weight: 8, prices: { basic: 599, standard: 1099, premium: 1799 }, names: 'en' },
  { country: 'DE', currency: 'EUR', weight: 7, prices: { basic: 799, standard: 1399, premium: 1999 }, names: 'de' },
  { country: 'FR', currency: 'EUR', weight: 6, prices: { basic: 799, standard: 1349, premium: 1999 }, names: 'fr' },
  { country: 'MX', currency: 'MXN', weight: 6, prices: { basic: 14900, standard: 21900, premium: 29900 }, names: 'es' },
  { country: 'CA', currency: 'CAD', weight: 5, prices: { basic: 1049, standard: 1899, premium: 2399 }, names: 'en' },
  { country: 'IN', currency: 'INR', weight: 5, prices: { basic: 19900, standard: 49900, premium: 64900 }, names: 'hi' },
  { country: 'JP', currency: 'JPY', weight: 4, prices: { basic: 890, standard: 1490, premium: 1980 }, names: 'ja' },
  { country: 'ES', currency: 'EUR', weight: 4, prices: { basic: 699, standard: 1299, premium: 1799 }, names: 'es' },
  { country: 'IT', currency: 'EUR', weight: 4, prices: { basic: 699, standard: 1299, premium: 1799 }, names: 'it' },
  { country: 'AU', currency: 'AUD', weight: 3, prices: { basic: 1099, standard: 1899, premium: 2599 }, names: 'en' },
  { country: 'KR', currency: 'KRW', weight: 3, prices: { basic: 9500, standard: 13500, premium: 17000 }, names: 'ko' },
  { country: 'NL', currency: 'EUR', weight: 2, prices: { basic: 799, standard: 1349, premium: 1899 }, names: 'nl' },
  { country: 'SE', currency: 'SEK', weight: 2, prices: { basic: 9900, standard: 14900, premium: 19900 }, names: 'sv' },
  { country: 'PL', currency: 'PLN', weight: 2, prices: { basic: 2900, standard: 4300, premium: 6000 }, names: 'pl' },
];

/** Currencies without a minor unit: prices are whole yen/won. */
export const ZERO_DECIMAL = new Set(['JPY', 'KRW']);

/**
 * Members who joined more than LEGACY_YEARS ago keep the lower price they signed up at: about 15% less,
 * on a price point (…99 for currencies with cents, whole hundreds for yen and won).
 */
export const LEGACY_YEARS = 3;
export function legacyPrice(current: number, currency: string): number {
  const lower = Math.round((current * 0.85) / 100) * 100;
  return ZERO_DECIMAL.has(currency) ? lower : lower - 1;
}
