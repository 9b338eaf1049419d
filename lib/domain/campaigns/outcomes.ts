import { newcombeDifference } from '@/lib/domain/stats/proportions';

// Campaign outcome metrics (DOMAIN.md "Campaigns"). Outcomes are exclusive per member (first one
// wins), so won back = confirmed + reactivated counts each member once.

export type ReportRow = { variantId: number | null; status: string; outcome: string; n: number };

export type ArmCounts = {
  assigned: number; // variant recipients (every non-excluded row) or holdout members
  sent: number;
  confirmed: number;
  reactivated: number;
  /** Answered "cancel now" on the keep page: neither won back nor no response (DOMAIN.md). */
  choseToLeave: number;
  noResponse: number;
  pending: number;
  wonBackAmongSent: number;
};

/** An arm with nobody in it yet. */
export const emptyArmCounts = (): ArmCounts => ({
  assigned: 0,
  sent: 0,
  confirmed: 0,
  reactivated: 0,
  choseToLeave: 0,
  noResponse: 0,
  pending: 0,
  wonBackAmongSent: 0,
});

/**
 * Folds grouped campaign_members rows into counts per arm ('holdout' or the variant id).
 * Assigned = placed in a variant or the holdout at queueing (DOMAIN.md). Rows excluded at queueing
 * (no variant) are not assigned; a recipient excluded later, at send time (it keeps its variant),
 * stays assigned to its variant: intention to treat.
 */
export function foldArms(rows: readonly ReportRow[]): Map<number | 'holdout', ArmCounts> {
  const arms = new Map<number | 'holdout', ArmCounts>();
  for (const r of rows) {
    if (r.status === 'excluded' && r.variantId == null) continue;
    const key = r.variantId == null ? 'holdout' : r.variantId;
    const a = arms.get(key) ?? emptyArmCounts();
    a.assigned += r.n;
    if (r.status === 'sent') a.sent += r.n;
    if (r.outcome === 'confirmed') a.confirmed += r.n;
    else if (r.outcome === 'reactivated') a.reactivated += r.n;
    else if (r.outcome === 'chose_to_leave') a.choseToLeave += r.n;
    else if (r.outcome === 'no_response') a.noResponse += r.n;
    else a.pending += r.n;
    if (r.status === 'sent' && (r.outcome === 'confirmed' || r.outcome === 'reactivated')) a.wonBackAmongSent += r.n;
    arms.set(key, a);
  }
  return arms;
}

export type ArmMetrics = ArmCounts & {
  wonBack: number;
  /** won back ÷ assigned (intention to treat); null when nobody was assigned */
  winBackRate: number | null;
  /** won back among sent ÷ sent; null when nothing was sent (and always null for the holdout) */
  ratePerSent: number | null;
};

export function armMetrics(c: ArmCounts, isHoldout = false): ArmMetrics {
  const wonBack = c.confirmed + c.reactivated;
  return {
    ...c,
    wonBack,
    winBackRate: c.assigned ? wonBack / c.assigned : null,
    ratePerSent: !isHoldout && c.sent ? c.wonBackAmongSent / c.sent : null,
  };
}

/** Lift of a variant over the holdout with its 95% CI (Newcombe's method from Wilson intervals). */
export function liftOverHoldout(variant: ArmMetrics, holdout: ArmMetrics | undefined) {
  if (!holdout) return undefined;
  return newcombeDifference(variant.wonBack, variant.assigned, holdout.wonBack, holdout.assigned);
}

/** "3.4%" with one decimal; "—" when undefined. */
export function pct(x: number | null | undefined, digits = 1): string {
  return x == null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** Percentage points with a sign: "+1.2 pp". */
export function pp(x: number, digits = 1): string {
  const v = (x * 100).toFixed(digits);
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${v.replace('-', '')} pp`;
}
