import { aucFromCounts, type ScoreCounts } from './auc';
import { RISK_BANDS, type RiskBand, riskBand } from './model';

// The backtest's table: members active on the scoring day, by the band they were scored in,
// and how many of them became dormant or were cancelled by the outcome day.

/** Days between the scoring day and the outcome day. */
export const BACKTEST_DAYS = 180;

export type BandRow = { band: RiskBand; members: number; became: number; rate: number | null };
export type BacktestSummary = { bands: BandRow[]; total: Omit<BandRow, 'band'>; auc: number | null };

export function summariseBacktest(rows: readonly ScoreCounts[]): BacktestSummary {
  const acc = new Map<RiskBand, { members: number; became: number }>(RISK_BANDS.map((b) => [b, { members: 0, became: 0 }]));
  for (const r of rows) {
    const a = acc.get(riskBand(r.score))!;
    a.members += r.positives + r.negatives;
    a.became += r.positives;
  }
  const row = (band: RiskBand, a: { members: number; became: number }): BandRow => ({
    band,
    ...a,
    rate: a.members ? a.became / a.members : null,
  });
  const bands = RISK_BANDS.map((b) => row(b, acc.get(b)!));
  const members = bands.reduce((s, b) => s + b.members, 0);
  const became = bands.reduce((s, b) => s + b.became, 0);
  return { bands, total: { members, became, rate: members ? became / members : null }, auc: aucFromCounts(rows) };
}
