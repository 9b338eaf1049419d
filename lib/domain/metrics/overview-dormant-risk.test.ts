import { describe, expect, it } from 'vitest';
import { AT_RISK_KEY, dormantSeries } from './overview-dormant';

describe('the dormant chart with members at risk', () => {
  const daily = [
    { day: '2026-12-01', key: 'inactive', n: 10 },
    { day: '2026-12-01', key: 'never_watched', n: 2 },
    { day: '2026-12-02', key: 'inactive', n: 11 },
    { day: '2026-12-02', key: 'never_watched', n: 2 },
  ];

  it('adds an at-risk column beside the dormant total, empty on days not scored', () => {
    const { table } = dormantSeries(daily, 'reason', [{ day: '2026-12-02', n: 40 }]);
    expect(table.columns.map((c) => c.key)).toEqual(['day', 'never_watched', 'inactive', 'total', AT_RISK_KEY]);
    expect(table.rows).toEqual([
      ['2026-12-01', 2, 10, 12, null],
      ['2026-12-02', 2, 11, 13, 40],
    ]);
  });

  it('shows no at-risk column before the first scoring', () => {
    expect(dormantSeries(daily, 'reason').table.columns.map((c) => c.key)).not.toContain(AT_RISK_KEY);
  });
});
