import { describe, expect, it } from 'vitest';
import { newcombeDifference, wilson } from '@/lib/domain/stats/proportions';
import { funnel, groupRate, type OutcomeRow, winbackByCampaign } from './winback';

const o = (campaignId: number, variantId: number, r: Partial<OutcomeRow>): OutcomeRow => ({
  campaignId,
  variantId,
  assigned: 0,
  sent: 0,
  wonBack: 0,
  wonBackSent: 0,
  cancelled: 0,
  rejoined: 0,
  ...r,
});

// Campaign 1: holdout 100 assigned, 10 won back. Variant 5 in two countries: 120 + 80 = 200 assigned,
// 30 + 20 = 50 won back; 190 sent, of whom 48 won back; 120 cancelled, 12 rejoined.
const rows = [
  o(1, 0, { assigned: 100, wonBack: 10, cancelled: 5 }),
  o(1, 5, { assigned: 120, sent: 115, wonBack: 30, wonBackSent: 29, cancelled: 70, rejoined: 7 }),
  o(1, 5, { assigned: 80, sent: 75, wonBack: 20, wonBackSent: 19, cancelled: 50, rejoined: 5, choseToLeave: 3 }),
  o(2, 9, { assigned: 0 }),
];

describe('win-back rate (DOMAIN: won back ÷ assigned, intention to treat)', () => {
  it('rates each variant against its holdout with Wilson and Newcombe intervals', () => {
    const [c1, c2] = winbackByCampaign(rows);
    expect(c1?.holdout.rate).toBe(0.1); // 10 / 100
    expect(c1?.holdout.ci).toEqual(wilson(10, 100));
    const v = c1?.variants[0];
    expect(v?.variantId).toBe(5);
    expect(v?.assigned).toBe(200);
    expect(v?.wonBack).toBe(50);
    expect(v?.rate).toBe(0.25); // 50 / 200
    expect(v?.ratePerSent).toBeCloseTo(48 / 190, 12); // per sent, shown beside it
    expect(v?.lift?.difference).toBeCloseTo(0.15, 12); // 0.25 − 0.10
    expect(v?.lift).toEqual(newcombeDifference(50, 200, 10, 100));
    // No holdout and nobody assigned: no rate, no lift (never a division by zero).
    expect(c2?.holdout.rate).toBeNull();
    expect(c2?.variants[0]?.rate).toBeNull();
    expect(c2?.variants[0]?.lift).toBeNull();
  });

  it('pools groups for a period rate', () => {
    const g = groupRate(rows.filter((r) => r.variantId !== 0));
    expect([g.assigned, g.wonBack, g.rate]).toEqual([200, 50, 0.25]);
  });

  it('builds the funnel from messaged groups only', () => {
    // The holdout's 100 assigned and 5 cancelled are not in the funnel (never messaged).
    // 3 chose to leave: a stage of their own, apart from the 120 cancelled in a batch.
    expect(funnel(rows).map((s) => s.count)).toEqual([200, 190, 50, 3, 120, 12]);
  });
});
