import { z } from 'zod';
import { BAND_LABEL, TARGET_BANDS } from '@/lib/domain/risk/model';
import { DORMANT_REASONS } from '@/lib/domain/values';

// The filters that define a campaign's segment, stored as JSON on campaigns.segment.
// Empty lists mean "any". Prices are integer minor units in one currency, because a price range
// across currencies would compare euros with reais. With at-risk bands chosen, the segment is active
// members scored in those bands (lib/domain/risk) instead of dormant members.

export const segmentSchema = z
  .object({
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'Countries are two-letter codes.'))
      .max(300)
      .default([]),
    plans: z.array(z.string().min(1).max(40)).max(50).default([]),
    // Canonical BCP 47 tags (members.language); exact match, so "pt-BR" does not take "pt-PT".
    languages: z
      .array(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'Languages are BCP 47 tags such as "fr" or "pt-BR".'))
      .max(50)
      .default([]),
    reasons: z.array(z.enum(DORMANT_REASONS)).max(2).default([]),
    minMonthsDormant: z.number().int().min(0, 'Months dormant cannot be negative.').max(240).nullable().default(null),
    priceCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'Choose a currency.')
      .nullable()
      .default(null),
    minPriceMinor: z.number().int().min(0).nullable().default(null),
    maxPriceMinor: z.number().int().min(0).nullable().default(null),
    riskBands: z.array(z.enum(TARGET_BANDS)).max(2).default([]),
    // A next-season win-back (lib/domain/campaigns/next-season.ts): the new season's title id; the
    // segment is then members cancelled by Rekindle who watched an earlier season of its series.
    nextSeasonTitleId: z.number().int().positive().nullable().default(null),
  })
  .superRefine((s, ctx) => {
    if (s.nextSeasonTitleId != null && (s.riskBands.length || s.reasons.length || s.minMonthsDormant))
      ctx.addIssue({
        code: 'custom',
        path: ['nextSeasonTitleId'],
        message: 'A next-season win-back reaches cancelled members: clear the dormancy reason, months and at-risk bands.',
      });
    if (s.riskBands.length && (s.reasons.length || s.minMonthsDormant))
      ctx.addIssue({
        code: 'custom',
        path: ['riskBands'],
        message: 'Members at risk are active, not dormant: clear the dormancy reason and months, or the at-risk bands.',
      });
    const hasPrice = s.minPriceMinor != null || s.maxPriceMinor != null;
    if (hasPrice && !s.priceCurrency)
      ctx.addIssue({ code: 'custom', path: ['priceCurrency'], message: 'A price range needs a currency.' });
    if (s.minPriceMinor != null && s.maxPriceMinor != null && s.minPriceMinor > s.maxPriceMinor)
      ctx.addIssue({ code: 'custom', path: ['maxPriceMinor'], message: 'The highest price is below the lowest.' });
  });

export type SegmentFilters = z.output<typeof segmentSchema>;
export const EMPTY_SEGMENT: SegmentFilters = {
  countries: [],
  plans: [],
  languages: [],
  reasons: [],
  minMonthsDormant: null,
  priceCurrency: null,
  minPriceMinor: null,
  maxPriceMinor: null,
  riskBands: [],
  nextSeasonTitleId: null,
};

/** Parses stored JSON; an unreadable segment is a bug, so it throws. */
export function parseSegment(json: string): SegmentFilters {
  return segmentSchema.parse(JSON.parse(json));
}

/** Major-unit text ("12.99") to minor units for a currency; null when blank, NaN when not a number. */
export function toMinor(text: string | null | undefined, currency: string): number | null {
  const t = (text ?? '').trim();
  if (!t) return null;
  if (!/^\d+(\.\d{1,3})?$/.test(t)) return Number.NaN;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const [whole, frac = ''] = t.split('.');
  if (frac.length > digits) return Number.NaN;
  return Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
}

export function fromMinor(minor: number | null, currency: string | null): string {
  if (minor == null || !currency) return '';
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}

const REASON_LABEL = { never_watched: 'never watched', inactive: 'inactive' } as const;

/** One sentence a person can read back ("Dormant members in DE, FR · premium · at least 6 months dormant"). */
export function describeSegment(s: SegmentFilters): string {
  const parts = [
    s.nextSeasonTitleId != null
      ? `Members cancelled by Rekindle who watched an earlier season of the series of title #${s.nextSeasonTitleId}, did not leave for not watching, and accept win-back messages`
      : s.riskBands.length
        ? `Active members at risk (${s.riskBands.map((b) => BAND_LABEL[b].toLowerCase()).join(' or ')})`
        : 'Dormant members',
  ];
  if (s.countries.length) parts.push(`in ${s.countries.join(', ')}`);
  if (s.plans.length) parts.push(`on ${s.plans.join(', ')}`);
  if (s.languages.length) parts.push(`speaking ${s.languages.join(', ')}`);
  if (s.reasons.length) parts.push(`(${s.reasons.map((r) => REASON_LABEL[r]).join(' or ')})`);
  if (s.minMonthsDormant) parts.push(`dormant at least ${s.minMonthsDormant} month${s.minMonthsDormant === 1 ? '' : 's'}`);
  if (s.priceCurrency && (s.minPriceMinor != null || s.maxPriceMinor != null)) {
    const lo = s.minPriceMinor != null ? fromMinor(s.minPriceMinor, s.priceCurrency) : '0';
    const hi = s.maxPriceMinor != null ? fromMinor(s.maxPriceMinor, s.priceCurrency) : 'any';
    parts.push(`paying ${lo}–${hi} ${s.priceCurrency} a month`);
  }
  return parts.join(' ');
}
