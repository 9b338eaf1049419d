import { describe, expect, it } from 'vitest';
import { FxTable, toReporting } from './fx';

const fx = new FxTable([
  { currency: 'EUR', asOf: '2025-02-01', perMillionMinor: 1_100_000 },
  { currency: 'EUR', asOf: '2025-01-01', perMillionMinor: 1_000_000 },
  { currency: 'JPY', asOf: '2025-01-01', perMillionMinor: 6_500 },
]);

describe('FxTable', () => {
  it('uses the latest rate on or before the day, and the first for earlier days', () => {
    expect(fx.rateOn('EUR', '2025-01-31')?.perMillionMinor).toBe(1_000_000);
    expect(fx.rateOn('EUR', '2025-02-01')?.perMillionMinor).toBe(1_100_000);
    expect(fx.rateOn('EUR', '2024-06-01')?.perMillionMinor).toBe(1_000_000);
    expect(fx.rateOn('USD', '2020-01-01')?.perMillionMinor).toBe(1_000_000);
    expect(fx.rateOn('GBP', '2025-01-01')).toBeUndefined();
  });

  it('converts each currency sum once and names currencies without a rate', () => {
    // USD 10.00 + EUR 20.00 at 1.1 (22.00) + JPY 3,000 at 6,500/1e6 (3000·6500/1e6 = 19.5 → 20 cents)
    // = 1000 + 2200 + 20 = 3220 cents; GBP has no rate: left out and named.
    const r = toReporting({ USD: 1000n, EUR: 2000n, JPY: 3000n, GBP: 999n }, fx, '2025-03-01');
    expect(r).toEqual({ minor: 3220n, missing: ['GBP'] });
  });
});
