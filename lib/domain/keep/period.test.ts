import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paidPeriodEnd } from './period';

const at = (iso: string) => Date.parse(iso);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('paidPeriodEnd: the next monthly anniversary of the join date', () => {
  it('is the join day of this month when it is still ahead, else of the next month', () => {
    expect(day(paidPeriodEnd(at('2024-03-15T10:00:00Z'), at('2026-12-04T22:00:00Z')))).toBe('2026-12-15');
    expect(day(paidPeriodEnd(at('2024-03-02T10:00:00Z'), at('2026-12-04T22:00:00Z')))).toBe('2027-01-02');
  });

  it('an answer on the anniversary day itself runs to the next anniversary (that month was just paid)', () => {
    expect(day(paidPeriodEnd(at('2024-03-04T10:00:00Z'), at('2026-12-04T00:00:00Z')))).toBe('2027-01-04');
    expect(day(paidPeriodEnd(at('2024-03-04T10:00:00Z'), at('2026-12-04T23:59:00Z')))).toBe('2027-01-04');
  });

  it('joined on the 31st: the last day of shorter months, and the 31st again after them', () => {
    const joined = at('2023-01-31T08:00:00Z');
    expect(day(paidPeriodEnd(joined, at('2026-02-10T12:00:00Z')))).toBe('2026-02-28');
    expect(day(paidPeriodEnd(joined, at('2028-02-10T12:00:00Z')))).toBe('2028-02-29'); // leap year
    expect(day(paidPeriodEnd(joined, at('2026-02-28T12:00:00Z')))).toBe('2026-03-31');
    expect(day(paidPeriodEnd(joined, at('2026-04-05T12:00:00Z')))).toBe('2026-04-30');
    expect(day(paidPeriodEnd(joined, at('2026-12-31T12:00:00Z')))).toBe('2027-01-31');
  });

  it('joined on 29 February: 28 February in common years', () => {
    expect(day(paidPeriodEnd(at('2024-02-29T08:00:00Z'), at('2027-02-01T00:00:00Z')))).toBe('2027-02-28');
  });

  it('ends at 00:00 UTC, after the answer, within 31 days, and never before the join', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 0, max: 4000 * 86_400_000 }),
        (joined, later) => {
          const answer = joined + later;
          const end = paidPeriodEnd(joined, answer);
          expect(end % 86_400_000).toBe(0);
          expect(end).toBeGreaterThan(answer);
          expect(end).toBeGreaterThan(joined);
          expect(end - answer).toBeLessThanOrEqual(32 * 86_400_000);
          const joinDay = new Date(joined).getUTCDate();
          const endDate = new Date(end);
          const lastOfMonth = new Date(Date.UTC(endDate.getUTCFullYear(), endDate.getUTCMonth() + 1, 0)).getUTCDate();
          expect(endDate.getUTCDate()).toBe(Math.min(joinDay, lastOfMonth));
        },
      ),
    );
  });
});
