import { describe, expect, it } from 'vitest';
import type { HistogramRow } from './members';
import { simulate } from './simulator';

const row = (watched: boolean, days: number, n: number, priceMinor: number): HistogramRow => ({
  country: 'US',
  plan: 'basic',
  currency: 'USD',
  watched,
  days,
  inCampaign: false,
  n,
  priceMinor,
});
// 10 never watched for 400 days ($100/month together), 10 inactive for 800 days ($100), 80 who watched 100 days ago ($800).
const rows = [row(false, 400, 10, 10_000), row(true, 800, 10, 10_000), row(true, 100, 80, 80_000)];
const usdOnly = (t: Record<string, bigint>) => t.USD ?? 0n;

describe('what-if simulator', () => {
  it('current policy, no offer: b = 1/10 won back, 1/4 expected to rejoin', () => {
    const r = simulate(
      rows,
      { neverWatchedDays: 365, inactiveDays: 730, offerSharePct: 0, upliftBp: 0 },
      { num: 1, den: 10 },
      { num: 1, den: 4 },
      usdOnly,
    );
    // dormant 20, R = $200/month; won back 10% = 2, cancelled 18
    // kept = 12 × 20000 × 0.1 = 24000; forgone = 12 × 20000 × 0.9 × 0.75 = 162000; net = −162000
    expect(r).toEqual({
      dormant: 20,
      dormantMonthly: 20_000n,
      offered: 0,
      wonBack: 2,
      cancelled: 18,
      revenueKept: 24_000n,
      offerCost: 0n,
      forgone: 162_000n,
      net: -162_000n,
    });
  });

  it('shorter inactivity, half offered a free month with +10 pp', () => {
    const r = simulate(
      rows,
      { neverWatchedDays: 365, inactiveDays: 90, offerSharePct: 50, upliftBp: 1000 },
      { num: 1, den: 10 },
      { num: 1, den: 4 },
      usdOnly,
    );
    // dormant 100 (the 80 at 100 days now count), R = 100000; offered 50 win back 0.2, the rest 0.1 → w = 0.15
    // won back 15, cancelled 85; kept = 12 × 100000 × 0.15 = 180000;
    // cost = R × 0.5 × 0.2 = 10000; forgone = 12 × 100000 × 0.85 × 0.75 = 765000; net = −775000
    expect(r).toMatchObject({ dormant: 100, offered: 50, wonBack: 15, cancelled: 85 });
    expect([r.revenueKept, r.offerCost, r.forgone, r.net]).toEqual([180_000n, 10_000n, 765_000n, -775_000n]);
  });

  it('caps the offered win-back at 100%', () => {
    const r = simulate(
      rows,
      { neverWatchedDays: 365, inactiveDays: 730, offerSharePct: 100, upliftBp: 9500 },
      { num: 1, den: 10 },
      { num: 0, den: 0 },
      usdOnly,
    );
    // b + u = 1.05 → 1: everyone won back, nothing forgone, a free month for all 20 ($200).
    expect([r.wonBack, r.cancelled, r.forgone, r.offerCost, r.revenueKept]).toEqual([20, 0, 0n, 20_000n, 240_000n]);
  });

  it('rounds once, at the end', () => {
    const one = [row(true, 800, 1, 1001)];
    const r = simulate(
      one,
      { neverWatchedDays: 365, inactiveDays: 730, offerSharePct: 0, upliftBp: 0 },
      { num: 1, den: 3 },
      { num: 1, den: 3 },
      usdOnly,
    );
    // forgone = 12 × 1001 × 2/3 × 2/3 = 12012 × 4/9 = 5338.67 → 5339; kept = 12012/3 = 4004
    expect([r.forgone, r.revenueKept]).toEqual([5339n, 4004n]);
  });
});
