import { addTo, type CurrencyTotals } from '@/lib/domain/money';

/**
 * One bucket of the member snapshot (not-cancelled members only): how many members of a
 * country/plan/currency are `days` whole UTC days past their last view (`watched`) or, for those
 * who never watched, past the day they joined. `inCampaign` = in an open campaign or a proposed
 * batch (status notified/proposed). Days are counted from the snapshot's day.
 */
export type HistogramRow = {
  country: string;
  plan: string;
  currency: string;
  watched: boolean;
  days: number;
  inCampaign: boolean;
  n: number;
  priceMinor: number;
};

export type Thresholds = { neverWatchedDays: number; inactiveDays: number };

/**
 * DOMAIN "Dormant on day D": never watched and joined on or before D − neverWatchedDays, or last
 * watched on or before D − inactiveDays. With whole UTC days, "on or before D − t" is days ≥ t.
 */
export function isDormantBucket(row: Pick<HistogramRow, 'watched' | 'days'>, t: Thresholds): boolean {
  return row.watched ? row.days >= t.inactiveDays : row.days >= t.neverWatchedDays;
}

export type MemberSummary = {
  members: number;
  dormant: number;
  dormantNeverWatched: number;
  dormantInactive: number;
  /** Monthly price of dormant members, per currency. */
  dormantMonthly: CurrencyTotals;
  /** DOMAIN "Revenue at risk (now)": dormant or in an open campaign, not cancelled. */
  atRiskCount: number;
  atRiskMonthly: CurrencyTotals;
};

export function summariseMembers(rows: readonly HistogramRow[], t: Thresholds): MemberSummary {
  const s: MemberSummary = {
    members: 0,
    dormant: 0,
    dormantNeverWatched: 0,
    dormantInactive: 0,
    dormantMonthly: {},
    atRiskCount: 0,
    atRiskMonthly: {},
  };
  for (const r of rows) {
    s.members += r.n;
    const dormant = isDormantBucket(r, t);
    if (dormant) {
      s.dormant += r.n;
      if (r.watched) s.dormantInactive += r.n;
      else s.dormantNeverWatched += r.n;
      addTo(s.dormantMonthly, r.currency, r.priceMinor);
    }
    if (dormant || r.inCampaign) {
      s.atRiskCount += r.n;
      addTo(s.atRiskMonthly, r.currency, r.priceMinor);
    }
  }
  return s;
}
