import { describe, expect, it } from 'vitest';
import { newcombeDifference, wilson } from './proportions';

describe('Wilson interval', () => {
  it('matches the published value for 81/263', () => {
    // Newcombe (1998), single proportion paper, example 81/263: 0.2553 to 0.3662.
    const i = wilson(81, 263);
    expect(i.low).toBeCloseTo(0.2553, 4);
    expect(i.high).toBeCloseTo(0.3662, 4);
  });

  it('stays within [0, 1] at the extremes', () => {
    expect(wilson(0, 10).low).toBe(0);
    expect(wilson(10, 10).high).toBe(1);
  });
});

describe('Newcombe difference of proportions', () => {
  it('matches method 10 of Newcombe (1998) for 56/70 − 48/80', () => {
    const d = newcombeDifference(56, 70, 48, 80)!;
    expect(d.difference).toBeCloseTo(0.2, 10);
    expect(d.low).toBeCloseTo(0.0524, 4);
    expect(d.high).toBeCloseTo(0.3339, 4);
  });

  it('matches method 10 for 9/10 − 3/10', () => {
    const d = newcombeDifference(9, 10, 3, 10)!;
    expect(d.low).toBeCloseTo(0.1705, 4);
    expect(d.high).toBeCloseTo(0.809, 4);
  });

  it('is undefined for an empty group', () => {
    expect(newcombeDifference(1, 0, 1, 10)).toBeUndefined();
  });
});
