import { describe, expect, it } from 'vitest';
import { type HistogramRow, isDormantBucket, summariseMembers } from './members';

const P = { neverWatchedDays: 365, inactiveDays: 730 };
const row = (
  watched: boolean,
  days: number,
  n: number,
  priceMinor: number,
  currency = 'USD',
  inCampaign = false,
): HistogramRow => ({
  country: 'US',
  plan: 'basic',
  currency,
  watched,
  days,
  inCampaign,
  n,
  priceMinor,
});

describe('dormancy from the snapshot', () => {
  it('reaches a threshold on its day (DOMAIN: 00:00 UTC of D − threshold)', () => {
    expect(isDormantBucket({ watched: false, days: 364 }, P)).toBe(false);
    expect(isDormantBucket({ watched: false, days: 365 }, P)).toBe(true);
    expect(isDormantBucket({ watched: true, days: 729 }, P)).toBe(false);
    expect(isDormantBucket({ watched: true, days: 730 }, P)).toBe(true);
    // A member who watched 400 days ago is not dormant, though 400 ≥ the never-watched 365.
    expect(isDormantBucket({ watched: true, days: 400 }, P)).toBe(false);
  });

  it('counts dormant members, their price and the revenue at risk', () => {
    const rows = [
      row(false, 10, 5, 5 * 999), // 5 new, never watched: active
      row(false, 400, 2, 2 * 999), // 2 never watched for 400 days: dormant (never_watched)
      row(true, 800, 3, 3 * 1499), // 3 inactive 800 days: dormant (inactive)
      row(true, 800, 1, 1500, 'JPY'), // 1 inactive, paying in yen: dormant
      row(true, 5, 4, 4 * 999, 'USD', true), // 4 in an open campaign who watched since: at risk only
      row(true, 30, 10, 10 * 999), // 10 active
    ];
    const s = summariseMembers(rows, P);
    // members 5+2+3+1+4+10 = 25; dormant 2+3+1 = 6 (2 never watched, 4 inactive)
    expect(s.members).toBe(25);
    expect(s.dormant).toBe(6);
    expect(s.dormantNeverWatched).toBe(2);
    expect(s.dormantInactive).toBe(4);
    // dormant USD: 1998 + 4497 = 6495; JPY 1500
    expect(s.dormantMonthly).toEqual({ USD: 6495n, JPY: 1500n });
    // at risk adds the 4 in a campaign: 10 members, USD 6495 + 3996 = 10491
    expect(s.atRiskCount).toBe(10);
    expect(s.atRiskMonthly).toEqual({ USD: 10491n, JPY: 1500n });
  });
});
