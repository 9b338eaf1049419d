import { divRound } from '@/lib/domain/money';
import { type HistogramRow, summariseMembers, type Thresholds } from './members';

export type Fraction = { num: number; den: number };

export type Scenario = Thresholds & {
  /** Share of dormant members offered a last free month, whole percent 0..100. */
  offerSharePct: number;
  /** Expected extra win-back among those offered, in basis points of a percentage point (250 = 2.5 pp). */
  upliftBp: number;
};

export type ScenarioResult = {
  dormant: number;
  /** Dormant members' monthly price, reporting minor units. */
  dormantMonthly: bigint;
  offered: number;
  wonBack: number;
  cancelled: number;
  /** A year of the won-back members' price. */
  revenueKept: bigint;
  /** One free month for every offered member who is won back. */
  offerCost: bigint;
  /** A year of the cancelled members' price, less the expected rejoin share. */
  forgone: bigint;
  /** Against leaving every dormant member billed: −(forgone + offer cost). */
  net: bigint;
};

/**
 * The what-if model, stated on the page:
 * - dormant members and their monthly price (R) follow DOMAIN's dormancy rule with the given thresholds;
 * - every dormant member gets the last-chance message; the observed win-back rate b applies to all,
 *   and the offered share s wins back b + u (capped at 100%), so overall w = b + s·u;
 * - revenue kept = 12·R·w; offer cost = R·s·(b + u) (one month's price per offered member won back);
 * - forgone = 12·R·(1 − w)·(1 − rejoin share); net = −(forgone + offer cost).
 * `convert` turns per-currency dormant totals into reporting minor units (at today's rates).
 * Exact rational arithmetic in BigInt; one rounding per figure.
 */
export function simulate(
  rows: readonly HistogramRow[],
  scenario: Scenario,
  baseline: Fraction,
  rejoin: Fraction,
  convert: (totals: Record<string, bigint>) => bigint,
): ScenarioResult {
  const s = summariseMembers(rows, scenario);
  const R = convert(s.dormantMonthly);
  const N = BigInt(s.dormant);
  const bDen = BigInt(baseline.den > 0 ? baseline.den : 1);
  const bNum = BigInt(baseline.den > 0 ? baseline.num : 0);
  const sp = BigInt(scenario.offerSharePct);
  const u = BigInt(scenario.upliftBp);
  // b + u over D = bDen · 1,000,000 (basis points × 100 = 1e6 per unit), capped at 100%.
  const D = bDen * 1_000_000n;
  const bD = bNum * 1_000_000n;
  const offeredRate = min(bD + u * 100n * bDen, D);
  // w = b + s·(offeredRate − b) and the cost share s·offeredRate, both over E = 100·D.
  const E = 100n * D;
  const w = 100n * bD + sp * (offeredRate - bD);
  const costShare = sp * offeredRate;
  const rDen = BigInt(rejoin.den > 0 ? rejoin.den : 1);
  const rKeep = BigInt(rejoin.den > 0 ? rejoin.den - rejoin.num : 1);

  const wonBack = Number(divRound(N * w, E));
  const revenueKept = divRound(12n * R * w, E);
  const offerCost = divRound(R * costShare, E);
  const forgone = divRound(12n * R * (E - w) * rKeep, E * rDen);
  return {
    dormant: s.dormant,
    dormantMonthly: R,
    offered: Number(divRound(N * sp, 100n)),
    wonBack,
    cancelled: s.dormant - wonBack,
    revenueKept,
    offerCost,
    forgone,
    net: -(forgone + offerCost),
  };
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
