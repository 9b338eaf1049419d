import { DEFAULT_VARIANTS, type VariantDraft } from '@/lib/domain/campaigns/draft';
import type { SegmentFilters } from '@/lib/domain/campaigns/segment';
import { EMPTY_SEGMENT } from '@/lib/domain/campaigns/segment';
import { TRANSLATED_A, TRANSLATED_B } from '@/lib/domain/campaigns/translated-variants';
import { DAY_MS } from '@/lib/runtime/clock';

// What the seeded campaign history sends and to whom: its variants and the segment of each month.

// Variants A and B carry their fr, de, es… translations; C is English only, so its other-language
// recipients show the fallback.
export const [SEED_A, SEED_B] = [
  { ...DEFAULT_VARIANTS[0]!, translations: TRANSLATED_A },
  { ...DEFAULT_VARIANTS[1]!, translations: TRANSLATED_B },
];

export const VARIANT_C: VariantDraft = {
  key: 'C',
  name: 'Popular title nudge',
  splitPct: 0,
  offer: 'none',
  translations: [],
  subjectTemplate: '{{last_title}} and more, still in your {{plan}} plan',
  bodyTemplate:
    'Hi {{first_name}},\n\nPeople near you are watching {{last_title}}. Your {{plan}} membership costs {{price}} a month.\n\nKeep it: {{keep_link}}\n\nIf we do not hear from you, we will cancel it so you stop paying for something you do not use.',
};

export type Candidate = { id: number; country: string; plan: string; reason: string; since: number; email: string | null };

export function segmentFor(i: number, countries: string[], plans: string[]): { label: string; segment: SegmentFilters } {
  const pick = <T>(xs: T[], k: number) => xs.filter((_, j) => j % k === i % k);
  switch (i % 5) {
    case 0:
      return { label: 'all dormant', segment: EMPTY_SEGMENT };
    case 1:
      return { label: 'never watched', segment: { ...EMPTY_SEGMENT, reasons: ['never_watched'] } };
    case 2: {
      const c = pick(countries, 3);
      return { label: c.join(', '), segment: { ...EMPTY_SEGMENT, countries: c } };
    }
    case 3: {
      const p = pick(plans, 2);
      return { label: `${p.join(', ')} plans`, segment: { ...EMPTY_SEGMENT, plans: p } };
    }
    default:
      return { label: 'inactive 6+ months', segment: { ...EMPTY_SEGMENT, reasons: ['inactive'], minMonthsDormant: 6 } };
  }
}

export function matches(c: Candidate, s: SegmentFilters, sendAt: number): boolean {
  if (s.countries.length && !s.countries.includes(c.country)) return false;
  if (s.plans.length && !s.plans.includes(c.plan)) return false;
  if (s.reasons.length && !s.reasons.includes(c.reason as 'inactive')) return false;
  const minSince = s.minMonthsDormant ? sendAt - s.minMonthsDormant * 30 * DAY_MS : sendAt;
  return c.since < minSince;
}
