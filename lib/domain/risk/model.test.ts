import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aucFromCounts } from './auc';
import { summariseBacktest } from './backtest';
import { riskBand, riskReasons, riskScore } from './model';

const steady = { daysSinceLastView: 10, usualGapDays: 14, views90: 6, previous90: 7, tenureDays: 900 };

describe('the at-risk score', () => {
  it('scores a steady member low and a drifting one high', () => {
    // z = -4 + 2.2 ln(1 + 10/14) + 0.6 ln(8/7) - 0.2 ln(1 + 900/365) ≈ -3.00 → 4.7%
    expect(riskScore(steady)).toBe(5);
    expect(riskBand(riskScore(steady))).toBe('low');
    // 90 days since a view against a usual 14, none against 7: z = -4 + 2.2 ln(1 + 90/14) + 0.6 ln 8 - 0.2 ln(1 + 900/365) ≈ 1.41 → 80%
    const drifting = { daysSinceLastView: 90, usualGapDays: 14, views90: 0, previous90: 7, tenureDays: 900 };
    expect(riskScore(drifting)).toBe(80);
    expect(riskBand(50)).toBe('high');
    expect(riskBand(25)).toBe('medium');
    expect(riskBand(24)).toBe('low');
  });

  it('rises as the member stays away longer, and as viewing slows', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.integer({ min: 1, max: 600 }), fc.nat(50), fc.nat(50), fc.nat(5000), (d, g, v, p, t) => {
        const f = { daysSinceLastView: d, usualGapDays: g, views90: v, previous90: p, tenureDays: t };
        expect(riskScore({ ...f, daysSinceLastView: d + 30 })).toBeGreaterThanOrEqual(riskScore(f));
        expect(riskScore({ ...f, views90: v + 1 })).toBeLessThanOrEqual(riskScore(f));
        const s = riskScore(f);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('gives its reasons in words', () => {
    expect(riskReasons({ daysSinceLastView: 45, usualGapDays: 14, views90: 2, previous90: 7, tenureDays: 800 })).toEqual([
      'last watched 45 days ago, usually every 14 days',
      'watched 2 times in the last 90 days, 7 times in the 90 before (usually 6)',
      'member for 800 days',
    ]);
    expect(riskReasons({ daysSinceLastView: 40, usualGapDays: null, views90: 0, previous90: 0, tenureDays: 40 })[0]).toBe(
      'has not watched anything in 40 days since joining',
    );
  });
});

describe('AUC from counts per score', () => {
  // Brute force over every (positive, negative) pair: 1 when the positive scored higher, ½ on a tie.
  const bruteForce = (pos: number[], neg: number[]) => {
    let w = 0;
    for (const a of pos) for (const b of neg) w += a > b ? 1 : a === b ? 0.5 : 0;
    return w / (pos.length * neg.length);
  };

  it('equals the pairwise definition', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 30 }),
        (pos, neg) => {
          const rows = Array.from({ length: 11 }, (_, score) => ({
            score,
            positives: pos.filter((s) => s === score).length,
            negatives: neg.filter((s) => s === score).length,
          }));
          expect(aucFromCounts(rows)).toBeCloseTo(bruteForce(pos, neg), 12);
        },
      ),
    );
  });

  it('is 1 for a perfect ranking, ½ for none, null without both outcomes', () => {
    expect(
      aucFromCounts([
        { score: 80, positives: 3, negatives: 0 },
        { score: 10, positives: 0, negatives: 5 },
      ]),
    ).toBe(1);
    expect(aucFromCounts([{ score: 40, positives: 2, negatives: 2 }])).toBe(0.5);
    expect(aucFromCounts([{ score: 40, positives: 0, negatives: 2 }])).toBeNull();
  });
});

describe('the backtest table', () => {
  it('counts members and those who became dormant per band, with the rate', () => {
    const s = summariseBacktest([
      { score: 70, positives: 3, negatives: 1 },
      { score: 30, positives: 1, negatives: 3 },
      { score: 5, positives: 0, negatives: 12 },
    ]);
    expect(s.bands).toEqual([
      { band: 'high', members: 4, became: 3, rate: 0.75 },
      { band: 'medium', members: 4, became: 1, rate: 0.25 },
      { band: 'low', members: 12, became: 0, rate: 0 },
    ]);
    expect(s.total).toEqual({ members: 20, became: 4, rate: 0.2 });
    // pairs: 3 high positives beat 1+3+12 negatives but tie 1 → 3·15.5; 1 medium positive beats 12, ties 3 → 13.5
    expect(s.auc).toBeCloseTo((3 * 15.5 + 13.5) / (4 * 16), 12);
  });
});
