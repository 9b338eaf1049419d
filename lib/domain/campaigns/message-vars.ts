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
  // The chosen titles as text (lib/domain/campaigns/recommendations.ts recommendationText); read
  // only when a template uses {{recommended_titles}}.
  recommendedTitles?: string;
};

/** First word of the display name; a neutral greeting when the name is unknown or erased. */
export function firstName(displayName: string | null): string {
  const first = displayName?.trim().split(/\s+/)[0];
  return first ? first : 'there';
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

/** Integer minor units to a display string in the member's currency ("€12.99"). */
export function formatPrice(minor: number, currency: string): string {
  const fmt = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  return fmt.format(minor / 10 ** digits);
}

export function messageVars(m: MessageMember, offer: Offer, keepLink: string, at: number): TemplateVars {
  // Never watched: months since joining, and a title popular in their country.
  const since = m.lastViewedAt ?? m.joinedAt;
  return {
    first_name: firstName(m.displayName),
    last_title: m.lastTitle ?? m.popularTitle ?? 'our latest releases',
    months_since_last_view: String(wholeMonthsBetween(since, at)),
    plan: m.plan,
    price: formatPrice(m.priceMinor, m.currency),
    offer: OFFER_TEXT[offer],
    keep_link: keepLink,
    recommended_titles: m.recommendedTitles ?? '',
  };
}
