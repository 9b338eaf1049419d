import { describe, expect, it } from 'vitest';
import { annualise, formatMoney, roundDiv, toReporting } from './money';

describe('money', () => {
  it('annualises exactly', () =>
    expect(annualise([{ currency: 'EUR', minor: 1299 }])).toEqual([{ currency: 'EUR', minor: 15588 }]));
  it('rounds half away from zero', () => {
    expect(roundDiv(15n, 10n)).toBe(2n);
    expect(roundDiv(14n, 10n)).toBe(1n);
    expect(roundDiv(-15n, 10n)).toBe(-2n);
  });
  it('converts per currency, rounding each, then sums', () => {
    // EUR 100.01 at 1.085000 → 10851.085 → 10851; GBP 0.05 at 1.270000 → 6.35 → 6; USD 2.00 → 200.
    const r = toReporting(
      [
        { currency: 'EUR', minor: 10001 },
        { currency: 'GBP', minor: 5 },
        { currency: 'USD', minor: 200 },
      ],
      { EUR: 1_085_000, GBP: 1_270_000 },
    );
    expect(r).toEqual({ minor: 10851 + 6 + 200, missing: [] });
  });
  it('names the currencies without a rate', () =>
    expect(toReporting([{ currency: 'JPY', minor: 1000 }], {}).missing).toEqual(['JPY']));
  it('stays exact beyond 2^53 intermediate products', () => {
    // 9e9 minor × 1.1e6 = 9.9e15 > 2^53; the result 9.9e9 is exact.
    expect(toReporting([{ currency: 'EUR', minor: 9_000_000_001 }], { EUR: 1_100_000 }).minor).toBe(9_900_000_001);
  });
  it('formats with the currency’s decimals', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
  });
});
