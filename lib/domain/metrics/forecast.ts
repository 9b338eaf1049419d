import { divRound } from '@/lib/domain/money';
import type { RejoinShare } from './cancellations';

export type ForecastPoint = { year: number; withoutRejoins: bigint; expected: bigint };

/** DOMAIN "Forgone revenue, annualised" = 12 × the latest month's forgone revenue. */
export function annualise(latestMonthMinor: bigint): bigint {
  return 12n * latestMonthMinor;
}

/**
 * DOMAIN "Forecast over H years" = annualised forgone × H × (1 − expected rejoin share), for
 * H = 1..horizon, in reporting minor units. The share is kept as the fraction rejoined/cohort so
 * the product is exact until the one final rounding.
 */
export function forecast(
  annualisedMinor: bigint,
  horizon: number,
  share: Pick<RejoinShare, 'rejoined' | 'cohort'>,
): ForecastPoint[] {
  const den = BigInt(share.cohort > 0 ? share.cohort : 1);
  const keep = share.cohort > 0 ? BigInt(share.cohort - share.rejoined) : 1n;
  const out: ForecastPoint[] = [];
  for (let h = 1; h <= horizon; h++) {
    const gross = annualisedMinor * BigInt(h);
    out.push({ year: h, withoutRejoins: gross, expected: divRound(gross * keep, den) });
  }
  return out;
}
