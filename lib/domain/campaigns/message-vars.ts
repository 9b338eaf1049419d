import { wordsFor } from './message-words';
import type { TemplateVars } from './template';

// The values a last-chance message fills in for one member. Pure, so preview, delivery and
// tests render exactly the same text.

export const OFFERS = ['none', 'free_month'] as const;
export type Offer = (typeof OFFERS)[number];
export const OFFER_TEXT: Record<Offer, string> = { none: '', free_month: 'your last month is on us' };
export const OFFER_LABEL: Record<Offer, string> = { none: 'No offer', free_month: 'Free month ("your last month is on us")' };

export type MessageMember = {
  displayName: string | null;
  plan: string;
  priceMinor: number;
  currency: string;
  joinedAt: number;
  lastViewedAt: number | null;
  lastTitle: string | null; // name of the title last watched
  popularTitle: string | null; // most popular title in the member's country (for never-watched members)
  language: string; // BCP 47: the locale numbers, prices and dates are formatted in
};

/** First word of the display name; a neutral greeting when the name is unknown or erased. */
export function firstName(displayName: string | null, language = 'en'): string {
  const first = displayName?.trim().split(/\s+/)[0];
  return first ? first : wordsFor(language).nobody;
}

/** Whole calendar months between two instants (UTC), never negative. */
export function wholeMonthsBetween(from: number, to: number): number {
  const a = new Date(from);
  const b = new Date(to);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  const dayA = a.getTime() - Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), 1);
  const dayB = b.getTime() - Date.UTC(b.getUTCFullYear(), b.getUTCMonth(), 1);
  if (dayB < dayA) months -= 1;
  return Math.max(0, months);
}

/** Integer minor units to a display string in the member's currency and locale ("€12.99"; fr: "12,99 €"). */
export function formatPrice(minor: number, currency: string, locale = 'en'): string {
  const fmt = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  return fmt.format(minor / 10 ** digits);
}

/** A date in the member's locale, with the day spelled out ("12 mars 2027"); dates are UTC days. */
export function formatDate(at: number, locale = 'en'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
}

/**
 * The template's values for one member, formatted with Intl for the member's language (price in
 * their currency, dates, counts). `deadlineAt` is the campaign's response deadline (null in a draft
 * preview before scheduling: shown as the policy's response window from `at`).
 */
export function messageVars(
  m: MessageMember,
  offer: Offer,
  keepLink: string,
  at: number,
  deadlineAt: number | null = null,
  responseDays = 30,
): TemplateVars {
  const locale = m.language;
  const words = wordsFor(locale);
  // Never watched: months since joining, and a title popular in their country.
  const since = m.lastViewedAt ?? m.joinedAt;
  return {
    first_name: firstName(m.displayName, locale),
    last_title: m.lastTitle ?? m.popularTitle ?? words.latestReleases,
    months_since_last_view: new Intl.NumberFormat(locale).format(wholeMonthsBetween(since, at)),
    plan: m.plan,
    price: formatPrice(m.priceMinor, m.currency, locale),
    offer: words.offer[offer],
    deadline: formatDate(deadlineAt ?? at + responseDays * 86_400_000, locale),
    keep_link: keepLink,
  };
}
