import { expect, it } from 'vitest';
import { FxTable } from '@/lib/domain/metrics/fx';
import { batchMoney } from './summary';

const rows = [
  { state: 'included', currency: 'EUR', members: 2, monthlyMinor: 2798 }, // 2 × 13.99
  { state: 'included', currency: 'USD', members: 1, monthlyMinor: 1549 },
  { state: 'excluded', currency: 'GBP', members: 1, monthlyMinor: 1099 },
];
const fx = new FxTable([
  { currency: 'EUR', asOf: '2024-01-01', perMillionMinor: 1_085_000 },
  { currency: 'GBP', asOf: '2024-01-01', perMillionMinor: 1_270_000 },
]);

it('sums the chosen states per currency, annualises ×12 and converts once per currency', () => {
  const m = batchMoney(rows, ['included'], fx, '2024-06-01');
  expect(m.members).toBe(3);
  expect(m.monthly).toEqual([
    { currency: 'EUR', minor: 2798n },
    { currency: 'USD', minor: 1549n },
  ]);
  expect(m.annual).toEqual([
    { currency: 'EUR', minor: 33576n },
    { currency: 'USD', minor: 18588n },
  ]);
  // EUR 2798 × 1.085 = 3035.83 → 3036; USD 1549 → 1549; total 4585; annual 55020.
  expect(m.reporting).toEqual({ monthly: 4585n, annual: 55020n, missing: [] });
});

it('gives no reporting total when a currency has no rate', () => {
  const m = batchMoney(
    [{ state: 'cancelled', currency: 'JPY', members: 1, monthlyMinor: 1490 }],
    ['cancelled'],
    fx,
    '2024-06-01',
  );
  expect(m.reporting.missing).toEqual(['JPY']);
});
