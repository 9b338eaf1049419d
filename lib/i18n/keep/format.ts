import { IntlMessageFormat } from 'intl-messageformat';
import { de } from './de';
import { en, type KeepCatalogue, type KeepKey } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { ja } from './ja';
import { ptBR } from './pt-BR';

// The keep page's catalogues and their formatting (ICU MessageFormat through intl-messageformat),
// in the member's locale with the member's currency.

export const KEEP_CATALOGUES = { en, fr, de, es, 'pt-BR': ptBR, it, ja } as const satisfies Record<string, KeepCatalogue>;
export type KeepLocale = keyof typeof KEEP_CATALOGUES;
export const KEEP_LOCALES = Object.keys(KEEP_CATALOGUES) as KeepLocale[];

// The one catalogue of each base language, for tags naming a region we have no catalogue for (pt-PT → pt-BR).
const BY_BASE: Record<string, KeepLocale> = { en: 'en', fr: 'fr', de: 'de', es: 'es', pt: 'pt-BR', it: 'it', ja: 'ja' };

/** Member language (BCP 47) → that catalogue, else its base language's, else English. */
export function resolveKeepLocale(language: string | null | undefined): KeepLocale {
  const tag = (language ?? '').trim();
  const exact = KEEP_LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  return BY_BASE[tag.split(/[-_]/)[0]?.toLowerCase() ?? ''] ?? 'en';
}

/** The first supported locale of an Accept-Language header (for pages with no member behind them). */
export function localeFromAcceptLanguage(header: string | null | undefined): KeepLocale {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim();
    if (tag && tag !== '*' && resolveKeepLocale(tag) !== 'en') return resolveKeepLocale(tag);
    if (tag?.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

export type KeepArgs = Record<string, string | number | Date>;
export type KeepT = (key: KeepKey, args?: KeepArgs) => string;

/** A formatter for one locale; `currency` is the member's (ISO 4217) for {price, number, price}. */
export function keepTranslator(locale: KeepLocale, currency = 'USD'): KeepT {
  const formats = {
    number: { price: { style: 'currency' as const, currency } },
    date: { day: { year: 'numeric' as const, month: 'long' as const, day: 'numeric' as const, timeZone: 'UTC' } },
  };
  const catalogue: KeepCatalogue = KEEP_CATALOGUES[locale];
  return (key, args) => String(new IntlMessageFormat(catalogue[key], locale, formats).format(args));
}

/** Minor units → the major amount the currency format expects (2 digits for EUR, 0 for JPY). */
export function majorAmount(minor: number, currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return minor / 10 ** digits;
}
