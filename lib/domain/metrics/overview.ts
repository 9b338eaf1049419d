import { type CancellationRow, cancelledBetween, expectedRejoinShare, firstCancellationMonth } from './cancellations';
import { lastDayOfMonth } from './days';
import type { OverviewFilters } from './filters';
import type { FxTable } from './fx';
import { type HistogramRow, summariseMembers, type Thresholds } from './members';
import {
  type CampaignMeta,
  campaignsStartedIn,
  funnelTable,
  type VariantMeta,
  winbackLastDays,
  winbackTable,
} from './overview-campaigns';
import { groupCohorts } from './overview-cohorts';
import { dormantSeries, withTodayFromHistogram } from './overview-dormant';
import { forgoneFigures, forgoneSeries, forgoneTable } from './overview-forgone';
import { reportingConverter } from './overview-money';
import { type OwnCancellationRow, ownRequestBetween, ownRequestByMonth } from './overview-own-request';
import { cancelledAndRejoined, forecastTable, rejoinAssumption, rejoinTable } from './overview-rejoins';
import type { OutcomeRow } from './winback';

// Assembles the overview from the pre-aggregated rows: pure, so the page, the CSV downloads and
// the tests all get the same numbers from the same function. Money leaves here as reporting
// (USD) minor units in plain numbers (overview-money.ts). Each section is built in its own module:
// forgone revenue, rejoins and the forecast, campaigns, dormant members over time.

export { type CampaignMeta, CHART_CAMPAIGNS, type VariantMeta, WINBACK_WINDOW_DAYS } from './overview-campaigns';
export { dormantSeries, REASON_LABELS } from './overview-dormant';
export { REJOIN_MONTHS, rejoinAssumption } from './overview-rejoins';

export type OverviewInputs = {
  filters: OverviewFilters;
  today: string; // UTC day of "now"
  nowMs: number;
  histogram: HistogramRow[];
  cancellations: CancellationRow[];
  /** Batch cancellations undone by late views: never cancelled, so in no other figure. */
  cancellationsUndone: number;
  /** Cancelled at their own request (keep page): apart from every batch figure. Absent = none. */
  ownCancellations?: OwnCancellationRow[];
  outcomes: OutcomeRow[];
  campaigns: CampaignMeta[];
  variants: VariantMeta[];
  daily: { day: string; key: string; n: number }[];
  /** Active members scored high or medium, per day and band (optional: none before the first scoring). */
  atRisk?: { day: string; n: number }[];
  fx: FxTable;
  policy: Thresholds & { retentionDays: number };
};

/** Every input: from the outcomes rebuild, campaigns, dormancy_daily, scores, rates, policy. */
export type BaseInputs = Omit<OverviewInputs, 'histogram'>;

/**
 * The overview without its members figures (the headline members cards and today's point of the
 * dormant chart): nothing here reads the members snapshot, so it is reused across folds of member
 * changes (lib/overview/overview.ts caches it apart).
 */
export function buildOverviewBase(i: BaseInputs) {
  const { filters: f, today } = i;
  const convert = reportingConverter(i.fx);
  const series = forgoneSeries(i.cancellations, today, convert.usd);
  const forgone = forgoneFigures(series);
  const share = expectedRejoinShare(i.cancellations, today, i.policy.retentionDays);
  const inRange = campaignsStartedIn(i.campaigns, i.outcomes, f.from, f.to);
  const winbackLines = groupCohorts(inRange.campaigns, inRange.outcomes, i.campaigns, i.variants);
  const year = today.slice(0, 4);
  const own = i.ownCancellations ?? [];

  return {
    today,
    currentMonth: today.slice(0, 7),
    policy: i.policy,
    missingRates: convert.missingRates(),
    cards: {
      year,
      cancelledThisYear: cancelledBetween(i.cancellations, `${year}-01-01`, today),
      firstBatchMonth: firstCancellationMonth(i.cancellations),
      forgoneMonthUsd: forgone.monthUsd,
      forgoneMonthMembers: forgone.monthMembers,
      forgoneAnnualUsd: forgone.annualUsd,
      forgoneCumulativeUsd: forgone.cumulativeUsd,
      winback90: winbackLastDays(i.campaigns, i.outcomes, i.nowMs),
      ...cancelledAndRejoined(i.cancellations),
      cancellationsUndone: i.cancellationsUndone,
      ownRequestThisYear: ownRequestBetween(own, `${year}-01-01`, today),
      ownRequestEver: ownRequestBetween(own, '0000-01-01', today),
      retentionDays: i.policy.retentionDays,
    },
    /** What the members figures need beside the snapshot: the chart's rows before today's point, the rates. */
    forMembers: {
      daily: i.daily,
      atRisk: i.atRisk,
      range: { fromDay: `${f.from}-01`, toDay: lastDayOfMonth(f.to) },
      by: f.by,
      fx: i.fx,
    },
    forgone: { table: forgoneTable(series, f.from, f.to, ownRequestByMonth(own, convert.usd, today)) },
    forecast: {
      table: forecastTable(forgone.annualUsd, f.horizon, share),
      horizon: f.horizon,
      share,
      annualUsd: forgone.annualUsd,
      assumption: rejoinAssumption(share),
    },
    rejoins: { table: rejoinTable(i.cancellations, today) },
    winback: {
      table: winbackTable(winbackLines.campaigns, winbackLines.outcomes, i.variants),
      campaignsInRange: winbackLines.campaigns.length,
    },
    funnel: { table: funnelTable(inRange.outcomes) },
  };
}

export type OverviewBase = ReturnType<typeof buildOverviewBase>;

/**
 * The base completed with the members figures from the snapshot's `histogram` (collapsed for the
 * base's policy): the cards and the chart's today read the same snapshot.
 */
export function withMemberFigures(base: OverviewBase, histogram: readonly HistogramRow[]) {
  const { forMembers: d, ...rest } = base;
  const convert = reportingConverter(d.fx);
  const m = summariseMembers(histogram, base.policy);
  const atRiskUsd = convert.usd(m.atRiskMonthly, base.today);
  return {
    ...rest,
    missingRates: [...new Set([...base.missingRates, ...convert.missingRates()])].sort(),
    cards: {
      members: m.members,
      dormant: m.dormant,
      dormantNeverWatched: m.dormantNeverWatched,
      dormantInactive: m.dormantInactive,
      dormantShare: m.members > 0 ? m.dormant / m.members : null,
      atRiskCount: m.atRiskCount,
      atRiskUsd,
      ...base.cards,
    },
    dormant: dormantSeries(withTodayFromHistogram(d.daily, histogram, base.policy, base.today, d.range, d.by), d.by, d.atRisk),
  };
}

export function buildOverview(i: OverviewInputs) {
  return withMemberFigures(buildOverviewBase(i), i.histogram);
}

export type OverviewModel = ReturnType<typeof buildOverview>;
