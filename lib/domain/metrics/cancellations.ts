import { addTo, type CurrencyTotals } from '@/lib/domain/money';
import { addMonthsToDay, daysBetween, monthOf } from './days';

/**
 * Members cancelled by Rekindle (batch_members in state 'cancelled'), grouped: `n` members
 * cancelled on `cancelDay` who rejoined on `rejoinDay` (null = not rejoined within the retention
 * window), with the sum of their monthly price at cancellation.
 */
export type CancellationRow = {
  cancelDay: string;
  rejoinDay: string | null;
  country: string;
  plan: string;
  currency: string;
  n: number;
  priceMinor: number;
};

export type MonthlyForgone = { month: string; members: number; totals: CurrencyTotals };

/**
 * DOMAIN "Forgone revenue, monthly (month M)": Σ monthly price at cancellation of members
 * cancelled by Rekindle who have not rejoined by the end of M. A member cancelled in M counts
 * for all of M; a member who rejoins in M no longer counts for M.
 */
export function forgoneForMonth(rows: readonly CancellationRow[], month: string): MonthlyForgone {
  const out: MonthlyForgone = { month, members: 0, totals: {} };
  for (const r of rows) {
    if (monthOf(r.cancelDay) > month) continue;
    if (r.rejoinDay !== null && monthOf(r.rejoinDay) <= month) continue;
    out.members += r.n;
    addTo(out.totals, r.currency, r.priceMinor);
  }
  return out;
}

/** The month of the first cancellation (DOMAIN: cumulative forgone runs from the first batch). */
export function firstCancellationMonth(rows: readonly CancellationRow[]): string | null {
  let first: string | null = null;
  for (const r of rows) if (first === null || r.cancelDay < first) first = r.cancelDay;
  return first === null ? null : monthOf(first);
}

/** Cancellations whose cancel day falls in [fromDay, toDay]. */
export function cancelledBetween(rows: readonly CancellationRow[], fromDay: string, toDay: string): number {
  let n = 0;
  for (const r of rows) if (r.cancelDay >= fromDay && r.cancelDay <= toDay) n += r.n;
  return n;
}

export type RejoinPoint = { k: number; cohort: number; rejoined: number };

/**
 * DOMAIN "Rejoin rate by month k" = members rejoined within k months ÷ members cancelled at
 * least k months ago, counting only cohorts that have had the full k months. In whole UTC days:
 * the k-month window of a member cancelled on day C is [C, C + k months); the cohort is full once
 * `today` ≥ C + k months, and a rejoin counts when its day is before C + k months.
 */
export function rejoinRateByMonth(rows: readonly CancellationRow[], today: string, maxK: number): RejoinPoint[] {
  const points: RejoinPoint[] = [];
  for (let k = 1; k <= maxK; k++) {
    let cohort = 0;
    let rejoined = 0;
    for (const r of rows) {
      const end = addMonthsToDay(r.cancelDay, k);
      if (end > today) continue;
      cohort += r.n;
      if (r.rejoinDay !== null && r.rejoinDay < end) rejoined += r.n;
    }
    points.push({ k, cohort, rejoined });
  }
  return points;
}

export type RejoinShare = {
  rejoined: number;
  cohort: number;
  /** How the share was taken, for the sentence on the chart. */
  basis: { kind: 'retention-closed'; retentionDays: number } | { kind: 'month'; k: number } | { kind: 'none' };
};

/**
 * The expected rejoin share for the forecast, from observed rejoins: among members whose
 * retention window has closed (cancelled at least `retentionDays` ago), the share who rejoined.
 * Before any window has closed, the rejoin rate at the longest full month k is the best
 * observation; with no full cohort at all, no rejoins are assumed (share 0, said on the chart).
 */
export function expectedRejoinShare(rows: readonly CancellationRow[], today: string, retentionDays: number): RejoinShare {
  let cohort = 0;
  let rejoined = 0;
  for (const r of rows) {
    if (daysBetween(r.cancelDay, today) < retentionDays) continue;
    cohort += r.n;
    if (r.rejoinDay !== null) rejoined += r.n;
  }
  if (cohort > 0) return { rejoined, cohort, basis: { kind: 'retention-closed', retentionDays } };
  const byMonth = rejoinRateByMonth(rows, today, Math.ceil(retentionDays / 28));
  for (let i = byMonth.length - 1; i >= 0; i--) {
    const p = byMonth[i];
    if (p && p.cohort > 0) return { rejoined: p.rejoined, cohort: p.cohort, basis: { kind: 'month', k: p.k } };
  }
  return { rejoined: 0, cohort: 0, basis: { kind: 'none' } };
}
