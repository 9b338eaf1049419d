// The explainable at-risk score (DOMAIN.md "At risk"): a fixed logistic formula over a member's own
// viewing, so every score can be recomputed by hand from the reasons shown beside it. The same
// coefficients are written into the scoring SQL (db/risk.sql.ts); a test holds the two together.

export const RISK_BANDS = ['high', 'medium', 'low'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];
/** The bands a segment may target. */
export const TARGET_BANDS = ['high', 'medium'] as const;
export type TargetBand = (typeof TARGET_BANDS)[number];

/** Whole-day features as of the scoring instant, from views before it only. */
export type RiskFeatures = {
  /** Days since the last view (since joining when the member never watched). */
  daysSinceLastView: number;
  /** (last − first view) ÷ (views − 1) over every view before the instant, in whole days; null under two views. */
  usualGapDays: number | null;
  /** Views in the 90 days before the instant. */
  views90: number;
  /** Views in the 90 days before those. */
  previous90: number;
  tenureDays: number;
};

/** The gap assumed for a member with fewer than two views. */
export const DEFAULT_GAP_DAYS = 30;

/**
 * z = intercept + overdue·ln(1 + days since ÷ usual gap) + slowdown·ln((previous 90 + 1) ÷ (last 90 + 1))
 *     + tenure·ln(1 + tenure in years); score = round(100 ÷ (1 + e^−z)).
 */
export const COEFFICIENTS = { intercept: -4, overdue: 2.2, slowdown: 0.6, tenure: -0.2 } as const;
/** Lowest score of each band. */
export const BAND_FROM = { high: 50, medium: 25 } as const;
/** Names the model: stored scores computed under another one are all computed again. */
export const MODEL_VERSION = JSON.stringify({ c: COEFFICIENTS, b: BAND_FROM, g: DEFAULT_GAP_DAYS });

export function riskScore(f: RiskFeatures): number {
  const c = COEFFICIENTS;
  const overdue = f.daysSinceLastView / (f.usualGapDays ?? DEFAULT_GAP_DAYS);
  const z =
    c.intercept +
    c.overdue * Math.log(1 + overdue) +
    c.slowdown * Math.log((f.previous90 + 1) / (f.views90 + 1)) +
    c.tenure * Math.log(1 + f.tenureDays / 365);
  return Math.round(100 / (1 + Math.exp(-z)));
}

export function riskBand(score: number): RiskBand {
  if (score >= BAND_FROM.high) return 'high';
  if (score >= BAND_FROM.medium) return 'medium';
  return 'low';
}

const times = (n: number) => `${n} time${n === 1 ? '' : 's'}`;
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** The score's inputs in words, strongest signal first. */
export function riskReasons(f: RiskFeatures): string[] {
  const gap = f.usualGapDays;
  const reasons = [
    gap === null
      ? f.daysSinceLastView >= f.tenureDays
        ? `has not watched anything in ${days(f.daysSinceLastView)} since joining`
        : `last watched ${days(f.daysSinceLastView)} ago, too few views to know a usual gap (${days(DEFAULT_GAP_DAYS)} assumed)`
      : `last watched ${days(f.daysSinceLastView)} ago, usually every ${days(gap)}`,
  ];
  const usual90 = gap === null ? null : Math.round(90 / gap);
  reasons.push(
    `watched ${times(f.views90)} in the last 90 days, ${times(f.previous90)} in the 90 before` +
      (usual90 === null ? '' : ` (usually ${usual90})`),
  );
  reasons.push(`member for ${days(f.tenureDays)}`);
  return reasons;
}

export const BAND_LABEL: Record<RiskBand, string> = { high: 'High', medium: 'Medium', low: 'Low' };
