import { describe, expect, it } from 'vitest';
import { DEFAULT_VARIANTS } from './draft';
import { draftFromForm, formValuesOf } from './form';
import { EMPTY_SEGMENT } from './segment';

const good = formValuesOf({
  name: 'Spring',
  channel: 'email',
  defaultLanguage: 'en',
  holdoutPct: 10,
  segment: EMPTY_SEGMENT,
  variants: DEFAULT_VARIANTS,
});

describe('campaign form', () => {
  it('round-trips a valid draft', () => {
    const r = draftFromForm(good);
    expect(r.ok && r.draft.variants.map((v) => v.splitPct)).toEqual([50, 50]);
  });

  it('names each problem beside its field: splits, 100% holdout, unknown variables, price without currency', () => {
    const r = draftFromForm({
      ...good,
      holdoutPct: '100',
      vA_split: '60',
      vB_body: 'Hi {{ firstname }} {{keep_link}} {{ promo }}',
      minPrice: '5',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors.splits).toEqual(['The variant splits add up to 110%; they must add up to 100%.']);
    expect(r.fieldErrors.holdoutPct?.[0]).toMatch(/100% holdout would message nobody/);
    expect(r.fieldErrors.vB_body?.[0]).toMatch(/^Unknown variables \{\{firstname\}\}, \{\{promo\}\}\. Known:/);
  });

  it('converts a price range to minor units of the chosen currency', () => {
    const r = draftFromForm({ ...good, priceCurrency: 'EUR', minPrice: '9.99', maxPrice: '15' });
    expect(r.ok && r.draft.segment).toMatchObject({ priceCurrency: 'EUR', minPriceMinor: 999, maxPriceMinor: 1500 });
    const bad = draftFromForm({ ...good, priceCurrency: 'EUR', minPrice: '20', maxPrice: '15' });
    expect(!bad.ok && bad.fieldErrors.maxPrice).toEqual(['The highest price is below the lowest.']);
  });

  it('shows a saved draft’s whole segment in the edit form, so saving it again changes nothing', () => {
    const draft = {
      name: 'Spring',
      channel: 'email',
      defaultLanguage: 'en',
      holdoutPct: 10,
      variants: DEFAULT_VARIANTS,
    } as const;
    for (const segment of [
      { ...EMPTY_SEGMENT, riskBands: ['high', 'medium'] },
      {
        ...EMPTY_SEGMENT,
        countries: ['FR', 'DE'],
        plans: ['basic'],
        languages: ['fr'],
        reasons: ['inactive'],
        minMonthsDormant: 6,
      },
      { ...EMPTY_SEGMENT, priceCurrency: 'EUR', minPriceMinor: 999, maxPriceMinor: 1500 },
    ] as const) {
      const r = draftFromForm(formValuesOf({ ...draft, segment: { ...segment } as typeof EMPTY_SEGMENT }));
      expect(r.ok && r.draft.segment).toEqual(segment);
    }
  });
});
