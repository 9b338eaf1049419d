import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../refusal';
import type { CampaignStatus } from '../values';
import { alwaysOnTransition, cohortFigures, cohortSeed, parseDay, totalRows, utcDay } from './always-on';
import { armMetrics, foldArms } from './outcomes';

describe('days and seeds', () => {
  it('reads only real calendar days, in UTC', () => {
    expect(parseDay('2026-02-28')).toBe('2026-02-28');
    for (const bad of ['2026-02-30', '2026-2-3', 'today', '2026-13-01', '']) expect(() => parseDay(bad)).toThrow(Refusal);
    expect(utcDay(Date.UTC(2026, 0, 1, 23, 59))).toBe('2026-01-01');
  });

  it('gives each day its own reproducible seed from the campaign seed', () => {
    expect(cohortSeed(42, '2026-05-04')).toBe(cohortSeed(42, '2026-05-04'));
    expect(cohortSeed(42, '2026-05-04')).not.toBe(cohortSeed(42, '2026-05-05'));
    expect(cohortSeed(42, '2026-05-04')).not.toBe(cohortSeed(43, '2026-05-04'));
  });
});

describe('pause, resume, end', () => {
  const c = (status: CampaignStatus) => ({ status, alwaysOn: true });
  it('moves between enrolling, paused and ended', () => {
    expect(alwaysOnTransition(c('enrolling'), 'pause')).toBe('enrolment_paused');
    expect(alwaysOnTransition(c('enrolment_paused'), 'resume')).toBe('enrolling');
    expect(alwaysOnTransition(c('enrolment_paused'), 'end')).toBe('ended');
    expect(alwaysOnTransition(c('enrolling'), 'end')).toBe('ended');
  });
  it('refuses what does not fit, saying why', () => {
    expect(() => alwaysOnTransition(c('enrolling'), 'resume')).toThrow(/enrolling already/);
    expect(() => alwaysOnTransition(c('enrolment_paused'), 'pause')).toThrow(/already paused/);
    expect(() => alwaysOnTransition(c('ended'), 'resume')).toThrow(/has ended/);
    expect(() => alwaysOnTransition(c('draft'), 'pause')).toThrow(/start it first/);
    expect(() => alwaysOnTransition({ status: 'sending', alwaysOn: false }, 'pause')).toThrow(/Only an always-on/);
    expect(() => alwaysOnTransition(undefined, 'end')).toThrow(/does not exist/);
  });
});

describe('totals over cohorts', () => {
  it('sums counts by variant key, then computes rates from the sums (worked by hand)', () => {
    // Cohort 1: A 10 assigned, 2 confirmed; holdout 10, 1 reactivated. Cohort 2: A 90 assigned, 9 confirmed; holdout 10, 1 reactivated.
    const c1 = [
      { variantKey: 'A', status: 'sent', outcome: 'confirmed', n: 2 },
      { variantKey: 'A', status: 'sent', outcome: 'no_response', n: 8 },
      { variantKey: null, status: 'holdout', outcome: 'reactivated', n: 1 },
      { variantKey: null, status: 'holdout', outcome: 'no_response', n: 9 },
    ];
    const c2 = [
      { variantKey: 'A', status: 'sent', outcome: 'confirmed', n: 9 },
      { variantKey: 'A', status: 'sent', outcome: 'no_response', n: 81 },
      { variantKey: null, status: 'holdout', outcome: 'reactivated', n: 1 },
      { variantKey: null, status: 'holdout', outcome: 'no_response', n: 9 },
    ];
    const arms = foldArms(totalRows([c1, c2], new Map([['A', 7]])));
    const a = armMetrics(arms.get(7)!);
    expect(a.assigned).toBe(100);
    expect(a.winBackRate).toBeCloseTo(11 / 100); // not the mean of 20% and 10% (15%)
    expect(armMetrics(arms.get('holdout')!, true).winBackRate).toBeCloseTo(2 / 20);
  });

  it('keeps every count: the total of any cohorts equals the sum of their counts', () => {
    const row = fc.record({
      variantKey: fc.constantFrom('A', 'B', null),
      status: fc.constantFrom('sent', 'queued', 'holdout', 'excluded'),
      outcome: fc.constantFrom('pending', 'confirmed', 'reactivated', 'no_response'),
      n: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(row, { maxLength: 12 }), { maxLength: 6 }), (cohorts) => {
        const total = totalRows(
          cohorts,
          new Map([
            ['A', 1],
            ['B', 2],
          ]),
        );
        const sum = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
        expect(sum(total)).toBe(sum(cohorts.flat()));
        const wonBack = (rows: { outcome: string; n: number }[]) =>
          sum(rows.filter((r) => r.outcome === 'confirmed' || r.outcome === 'reactivated'));
        expect(wonBack(total)).toBe(wonBack(cohorts.flat()));
      }),
    );
  });
});

describe('cohort line', () => {
  it('pools the variants against the holdout', () => {
    const f = cohortFigures([
      { variantId: 1, status: 'sent', outcome: 'confirmed', n: 3 },
      { variantId: 2, status: 'sent', outcome: 'reactivated', n: 1 },
      { variantId: 2, status: 'sent', outcome: 'no_response', n: 16 },
      { variantId: null, status: 'holdout', outcome: 'no_response', n: 5 },
      { variantId: null, status: 'excluded', outcome: 'pending', n: 4 },
    ]);
    expect(f.messaged.assigned).toBe(20);
    expect(f.messaged.winBackRate).toBeCloseTo(0.2);
    expect(f.holdout.assigned).toBe(5);
    expect(f.lift?.difference).toBeCloseTo(0.2);
    expect(cohortFigures([{ variantId: 1, status: 'sent', outcome: 'confirmed', n: 3 }]).lift).toBeUndefined();
  });
});
