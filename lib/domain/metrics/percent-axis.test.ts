import { describe, expect, it } from 'vitest';
import { percentAxis } from './percent-axis';

const label = (v: number, digits: number) => `${(v * 100).toFixed(digits)}%`;

describe('percentAxis', () => {
  it('puts 0–10% on whole-number steps whose labels are the values (not 0/3/5/8/10 on 2.5% lines)', () => {
    const a = percentAxis(0.097);
    expect(a.ticks.map((t) => label(t, a.digits))).toEqual(['0%', '2%', '4%', '6%', '8%', '10%']);
  });

  it('uses decimals only when the step needs them', () => {
    const a = percentAxis(0.018);
    expect(a.ticks.map((t) => label(t, a.digits))).toEqual(['0.0%', '0.5%', '1.0%', '1.5%', '2.0%']);
  });

  it('every label, parsed back, equals its tick', () => {
    for (const max of [0.003, 0.04, 0.097, 0.31, 0.8, 1]) {
      const a = percentAxis(max);
      expect(a.max).toBeGreaterThanOrEqual(max);
      for (const t of a.ticks) expect(Number.parseFloat(label(t, a.digits)) / 100).toBeCloseTo(t, 10);
    }
  });

  it('gives a usable axis with no data', () => {
    expect(percentAxis(0).ticks.length).toBeGreaterThan(1);
  });
});
