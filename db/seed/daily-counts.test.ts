import { describe, expect, it } from 'vitest';
import { getSqlite } from '@/lib/testing/db';
import { adjustDailyCounts, DailyCounter, memberDailyShift, writeDailyCounts } from './daily-counts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const US = { country: 'US', plan: 'basic', reason: 'inactive', currency: 'USD' };
const rows = () =>
  getSqlite().prepare('SELECT day, country, count, monthly_minor AS m FROM dormancy_daily ORDER BY day, country').all() as {
    day: string;
    country: string;
    count: number;
    m: number;
  }[];

describe('daily dormant counts', () => {
  it('counts each member on the days of its spell, clipped to the window, and rewrites days idempotently', () => {
    const c = new DailyCounter(day('2024-01-01'), day('2024-01-04'));
    c.add(US, 999, day('2023-12-30'), day('2024-01-03')); // dormant 30 Dec – 2 Jan: in window 1 and 2 Jan
    c.add(US, 1549, day('2024-01-02'), day('2024-01-10')); // 2 Jan onward: 2, 3, 4 Jan
    c.add({ ...US, country: 'GB', currency: 'GBP' }, 599, day('2024-01-05'), day('2024-01-06')); // outside
    writeDailyCounts(getSqlite(), c);
    writeDailyCounts(getSqlite(), c); // again: same rows, not doubled
    expect(rows()).toEqual([
      { day: '2024-01-01', country: 'US', count: 1, m: 999 },
      { day: '2024-01-02', country: 'US', count: 2, m: 2548 },
      { day: '2024-01-03', country: 'US', count: 1, m: 1549 },
      { day: '2024-01-04', country: 'US', count: 1, m: 1549 },
    ]);
  });

  it('adjustDailyCounts shifts from a day through the last day, drops zero rows, and refuses to go negative', () => {
    const sqlite = getSqlite();
    // A reactivation on 3 Jan takes the 1549 member out of 3 and 4 Jan.
    adjustDailyCounts(sqlite, [{ ...US, fromDay: '2024-01-03', count: -1, monthlyMinor: -1549 }]);
    expect(rows().map((r) => [r.day, r.count, r.m])).toEqual([
      ['2024-01-01', 1, 999],
      ['2024-01-02', 2, 2548],
    ]);
    const before = JSON.stringify(rows());
    expect(() => adjustDailyCounts(sqlite, [{ ...US, fromDay: '2024-01-02', count: -3, monthlyMinor: -3000 }])).toThrow(
      /below zero/,
    );
    expect(JSON.stringify(rows())).toBe(before); // nothing written
  });

  it('memberDailyShift reads the member row; a bounded shift adds a member for [from, until)', () => {
    const sqlite = getSqlite();
    sqlite
      .prepare(
        `INSERT INTO members (id, account_id, country, plan, price_minor, currency, joined_at, status, status_changed_at, dormant_reason)
         VALUES (7, 'RK-7', 'GB', 'premium', 1799, 'GBP', 0, 'dormant', 0, 'never_watched')`,
      )
      .run();
    const s = memberDailyShift(sqlite, 7, Date.parse('2024-01-01T13:00:00Z'), 1, { untilMs: Date.parse('2024-01-02T09:00:00Z') });
    expect(s).toEqual({
      country: 'GB',
      plan: 'premium',
      reason: 'never_watched',
      currency: 'GBP',
      fromDay: '2024-01-01',
      untilDay: '2024-01-02',
      count: 1,
      monthlyMinor: 1799,
    });
    adjustDailyCounts(sqlite, [s]);
    expect(rows().filter((r) => r.country === 'GB')).toEqual([{ day: '2024-01-01', country: 'GB', count: 1, m: 1799 }]);
  });
});
