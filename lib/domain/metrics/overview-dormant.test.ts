import { describe, expect, it } from 'vitest';
import { addDays } from './days';
import { dormantSeries, withTodayFromHistogram } from './overview-dormant';

describe('dormantSeries', () => {
  it('keeps both reasons by reason, never-watched first, even at zero', () => {
    const s = dormantSeries([{ day: '2025-06-15', key: 'inactive', n: 4 }], 'reason');
    expect(s.series).toEqual([
      { key: 'never_watched', label: 'Never watched' },
      { key: 'inactive', label: 'Inactive' },
    ]);
    expect(s.table.rows).toEqual([['2025-06-15', 0, 4, 4]]);
    expect(s.weekly).toBe(false);
    expect(s.latestDay).toBe('2025-06-15');
  });

  it('shows the six largest countries on the latest day and folds the rest into "Other countries"', () => {
    // Eight countries; on the last day A has 8, B 7, … H 1; the day before, H had 100 (ignored for the order).
    const keys = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const daily = [{ day: '2025-06-14', key: 'H', n: 100 }, ...keys.map((key, i) => ({ day: '2025-06-15', key, n: 8 - i }))];
    const s = dormantSeries(daily, 'country');
    expect(s.series.map((x) => x.label)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'Other countries']);
    // 14 June: only H (folded into other) → 100; 15 June: A..F = 8+7+6+5+4+3, other = G 2 + H 1.
    expect(s.table.rows).toEqual([
      ['2025-06-14', 0, 0, 0, 0, 0, 0, 100, 100],
      ['2025-06-15', 8, 7, 6, 5, 4, 3, 3, 36],
    ]);
  });

  it('keeps one point a week, the latest day of each Monday–Sunday week, once the range passes 120 days', () => {
    // 121 days from Monday 6 January 2025: 17 full weeks, then Monday 5 and Tuesday 6 May.
    const daily = Array.from({ length: 121 }, (_, i) => ({ day: addDays('2025-01-06', i), key: 'inactive', n: i }));
    const s = dormantSeries(daily, 'reason');
    expect(s.weekly).toBe(true);
    expect(s.table.rows.slice(0, 2)).toEqual([
      ['2025-01-12', 0, 6, 6], // Sunday, that day's count (not the week's sum or mean)
      ['2025-01-19', 0, 13, 13],
    ]);
    expect(s.table.rows).toHaveLength(18);
    expect(s.table.rows.at(-1)).toEqual(['2025-05-06', 0, 120, 120]);
  });
});

describe('withTodayFromHistogram', () => {
  const policy = { neverWatchedDays: 365, inactiveDays: 730 };
  const row = (country: string, watched: boolean, days: number, n: number) => ({
    country,
    plan: 'basic',
    currency: 'USD',
    watched,
    days,
    inCampaign: false,
    n,
    priceMinor: 999 * n,
  });
  const histogram = [row('US', true, 800, 3), row('US', false, 400, 2), row('GB', true, 10, 9), row('GB', true, 731, 1)];
  const range = { fromDay: '2025-05-01', toDay: '2025-06-30' };

  it("replaces the scan's count for today with the histogram's, the card's source, by reason", () => {
    const daily = [
      { day: '2025-06-14', key: 'inactive', n: 5 },
      { day: '2025-06-15', key: 'inactive', n: 5 },
      { day: '2025-06-15', key: 'never_watched', n: 2 },
    ];
    const s = dormantSeries(withTodayFromHistogram(daily, histogram, policy, '2025-06-15', range, 'reason'), 'reason');
    expect(s.table.rows).toEqual([
      ['2025-06-14', 0, 5, 5],
      ['2025-06-15', 2, 4, 6],
    ]);
  });

  it('adds today by country even before the day has been scanned, and leaves a range without today alone', () => {
    const daily = [{ day: '2025-06-14', key: 'US', n: 5 }];
    expect(withTodayFromHistogram(daily, histogram, policy, '2025-06-15', range, 'country')).toEqual([
      ...daily,
      { day: '2025-06-15', key: 'US', n: 5 },
      { day: '2025-06-15', key: 'GB', n: 1 },
    ]);
    expect(withTodayFromHistogram(daily, histogram, policy, '2025-07-01', range, 'country')).toBe(daily);
  });
});
