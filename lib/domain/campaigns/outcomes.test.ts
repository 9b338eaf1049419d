import { describe, expect, it } from 'vitest';
import { armMetrics, foldArms, liftOverHoldout, pct, pp } from './outcomes';

// A tiny campaign worked by hand:
// variant 1: 10 assigned — 8 sent (2 confirmed, 1 reactivated, 5 no response), 2 failed (1 reactivated, 1 no response)
// holdout: 5 assigned — 1 reactivated, 4 no response; 3 rows excluded at queueing (not assigned anywhere)
const rows = [
  { variantId: 1, status: 'sent', outcome: 'confirmed', n: 2 },
  { variantId: 1, status: 'sent', outcome: 'reactivated', n: 1 },
  { variantId: 1, status: 'sent', outcome: 'no_response', n: 5 },
  { variantId: 1, status: 'failed', outcome: 'reactivated', n: 1 },
  { variantId: 1, status: 'failed', outcome: 'no_response', n: 1 },
  { variantId: null, status: 'holdout', outcome: 'reactivated', n: 1 },
  { variantId: null, status: 'holdout', outcome: 'no_response', n: 4 },
  { variantId: null, status: 'excluded', outcome: 'pending', n: 3 },
  // variant 2: 4 assigned — 3 sent (no response), 1 excluded at send time after watching again
  { variantId: 2, status: 'sent', outcome: 'no_response', n: 3 },
  { variantId: 2, status: 'excluded', outcome: 'no_response', n: 1 },
];

describe('campaign outcomes', () => {
  const arms = foldArms(rows);
  const v = armMetrics(arms.get(1)!);
  const h = armMetrics(arms.get('holdout')!, true);

  it('counts assigned, sent and each outcome once; excluded members are not assigned', () => {
    expect(v).toMatchObject({ assigned: 10, sent: 8, confirmed: 2, reactivated: 2, noResponse: 6, pending: 0 });
    expect(h).toMatchObject({ assigned: 5, sent: 0, confirmed: 0, reactivated: 1, noResponse: 4 });
    expect([...arms.keys()].sort()).toEqual([1, 2, 'holdout']);
    // Excluded at send time still counts as assigned to its variant (intention to treat).
    expect(arms.get(2)).toMatchObject({ assigned: 4, sent: 3, noResponse: 4 });
  });

  it('win-back rate is won back ÷ assigned (intention to treat); rate per sent counts only sent members', () => {
    expect(v.wonBack).toBe(4);
    expect(v.winBackRate).toBe(0.4); // 4 / 10
    expect(v.ratePerSent).toBe(0.375); // 3 / 8: the failed-but-reactivated member is not "per sent"
    expect(h.winBackRate).toBe(0.2); // 1 / 5
    expect(h.ratePerSent).toBeNull();
  });

  it('lift is the difference of rates with a Newcombe interval around it', () => {
    const l = liftOverHoldout(v, h)!;
    expect(l.difference).toBeCloseTo(0.2, 12); // 0.4 − 0.2
    expect(l.low).toBeLessThan(0.2);
    expect(l.high).toBeGreaterThan(0.2);
    // With 10 and 5 members the interval is wide and includes no effect.
    expect(l.low).toBeLessThan(0);
    expect(liftOverHoldout(v, undefined)).toBeUndefined();
  });

  it('formats rates and percentage points', () => {
    expect(pct(0.0345)).toBe('3.5%');
    expect(pct(null)).toBe('—');
    expect(pp(0.012)).toBe('+1.2 pp');
    expect(pp(-0.004)).toBe('−0.4 pp');
  });
});
