import { describe, expect, it } from 'vitest';
import {
  type CancellationRow,
  cancelledBetween,
  expectedRejoinShare,
  firstCancellationMonth,
  forgoneForMonth,
  rejoinRateByMonth,
} from './cancellations';
import { annualise, forecast } from './forecast';

const c = (cancelDay: string, rejoinDay: string | null, currency: string, n: number, priceMinor: number): CancellationRow => ({
  cancelDay,
  rejoinDay,
  country: 'US',
  plan: 'basic',
  currency,
  n,
  priceMinor,
});

// A: cancelled 15 Jan, never rejoined, $10.00.   B: cancelled 31 Jan, rejoined 10 Feb, $20.00.
// C: cancelled 1 Feb, rejoined 1 Apr, €30.00.    D: two members cancelled 31 Mar, $5.00 each.
const rows = [
  c('2024-01-15', null, 'USD', 1, 1000),
  c('2024-01-31', '2024-02-10', 'USD', 1, 2000),
  c('2024-02-01', '2024-04-01', 'EUR', 1, 3000),
  c('2024-03-31', null, 'USD', 2, 1000),
];

describe('forgone revenue, monthly (DOMAIN)', () => {
  it('counts a member from the month of cancellation until the month they rejoin', () => {
    expect(forgoneForMonth(rows, '2023-12')).toEqual({ month: '2023-12', members: 0, totals: {} });
    // Jan: A and B (B rejoins in Feb, after the end of Jan) → $30.00, 2 members.
    expect(forgoneForMonth(rows, '2024-01')).toEqual({ month: '2024-01', members: 2, totals: { USD: 3000n } });
    // Feb: A, and C (B rejoined by the end of Feb) → $10.00 + €30.00.
    expect(forgoneForMonth(rows, '2024-02')).toEqual({ month: '2024-02', members: 2, totals: { USD: 1000n, EUR: 3000n } });
    // Mar: A, C and both D → $20.00 + €30.00, 4 members.
    expect(forgoneForMonth(rows, '2024-03')).toEqual({ month: '2024-03', members: 4, totals: { USD: 2000n, EUR: 3000n } });
    // Apr: C rejoined in Apr → A and D: $20.00, 3 members.
    expect(forgoneForMonth(rows, '2024-04')).toEqual({ month: '2024-04', members: 3, totals: { USD: 2000n } });
  });

  it('finds the first batch month and counts cancellations in a period', () => {
    expect(firstCancellationMonth(rows)).toBe('2024-01');
    expect(firstCancellationMonth([])).toBeNull();
    expect(cancelledBetween(rows, '2024-01-01', '2024-01-31')).toBe(2);
    expect(cancelledBetween(rows, '2024-01-01', '2024-12-31')).toBe(5);
  });
});

describe('rejoin rate by month k (DOMAIN: only full cohorts)', () => {
  it('uses only cohorts that have had the full k months', () => {
    const points = rejoinRateByMonth(rows, '2024-04-30', 4);
    // k=1: windows end A 15 Feb, B 29 Feb (31 Jan + 1 month, leap year), C 1 Mar, D 30 Apr — all ≤ 30 Apr.
    //      cohort 1+1+1+2 = 5; rejoined within: B (10 Feb < 29 Feb) → 1. C's 1 Apr is not before 1 Mar.
    // k=2: ends A 15 Mar, B 31 Mar, C 1 Apr; D's 31 May is in the future → cohort 3; B → 1.
    //      C rejoined on 1 Apr, which is not before the end of its 2-month window (1 Apr).
    // k=3: ends A 15 Apr, B 30 Apr; C 1 May is future → cohort 2, rejoined 1 (B).
    // k=4: A ends 15 May → no full cohort.
    expect(points).toEqual([
      { k: 1, cohort: 5, rejoined: 1 },
      { k: 2, cohort: 3, rejoined: 1 },
      { k: 3, cohort: 2, rejoined: 1 },
      { k: 4, cohort: 0, rejoined: 0 },
    ]);
  });

  it('takes the expected rejoin share from cohorts whose retention window has closed', () => {
    // 90 days: A (106 days ago) and B (exactly 90) are closed, C (89) is not → 1 of 2.
    expect(expectedRejoinShare(rows, '2024-04-30', 90)).toEqual({
      rejoined: 1,
      cohort: 2,
      basis: { kind: 'retention-closed', retentionDays: 90 },
    });
    // 200 days: none closed → the longest full month, k = 3: 1 of 2.
    expect(expectedRejoinShare(rows, '2024-04-30', 200)).toEqual({ rejoined: 1, cohort: 2, basis: { kind: 'month', k: 3 } });
    // Five days after the first cancellation nothing is observable.
    expect(expectedRejoinShare(rows, '2024-01-20', 200)).toEqual({ rejoined: 0, cohort: 0, basis: { kind: 'none' } });
  });
});

describe('annualised and forecast (DOMAIN)', () => {
  it('annualises the latest month and discounts the forecast by the rejoin share', () => {
    expect(annualise(2000n)).toBe(24000n);
    // $240.00 a year with 1 of 3 expected to rejoin: each year keeps 2/3 → 160.00, 320.00, 480.00.
    expect(forecast(24000n, 3, { rejoined: 1, cohort: 3 })).toEqual([
      { year: 1, withoutRejoins: 24000n, expected: 16000n },
      { year: 2, withoutRejoins: 48000n, expected: 32000n },
      { year: 3, withoutRejoins: 72000n, expected: 48000n },
    ]);
    // 100 × 2/3 = 66.67 → 67 (one rounding, half away from zero).
    expect(forecast(100n, 1, { rejoined: 1, cohort: 3 })[0]?.expected).toBe(67n);
    // No observation: no rejoins assumed.
    expect(forecast(100n, 1, { rejoined: 0, cohort: 0 })[0]?.expected).toBe(100n);
  });
});
