import type { CurrencyTotals } from '@/lib/domain/money';
import {
  type CancellationRow,
  cancelledBetween,
  expectedRejoinShare,
  firstCancellationMonth,
  forgoneForMonth,
  type RejoinShare,
  rejoinRateByMonth,
} from './cancellations';
import { addDays, dayIndex, dayOf, dayStartMs, lastDayOfMonth, monthsBetween } from './days';
import type { OverviewFilters } from './filters';
import { annualise, forecast } from './forecast';
import { type FxTable, toReporting } from './fx';
import { type HistogramRow, summariseMembers, type Thresholds } from './members';
import type { DataTable } from './table';
import { funnel, groupRate, type OutcomeRow, winbackByCampaign } from './winback';

// Assembles the overview from the pre-aggregated rows: pure, so the page, the CSV downloads and
// the tests all get the same numbers from the same function. Money leaves here as reporting
// (USD) minor units in plain numbers (exact below 2^53 cents, about 90 trillion dollars).

export type CampaignMeta = {
  id: number;
  name: string;
  sendStartedAt: number | null;
  deadlineAt: number | null;
  createdAt: number;
};
export type VariantMeta = { id: number; campaignId: number; key: string; name: string };

export type OverviewInputs = {
  filters: OverviewFilters;
  today: string; // UTC day of "now"
  nowMs: number;
  histogram: HistogramRow[];
  cancellations: CancellationRow[];
  outcomes: OutcomeRow[];
  campaigns: CampaignMeta[];
  variants: VariantMeta[];
  daily: { day: string; key: string; n: number }[];
  fx: FxTable;
  policy: Thresholds & { retentionDays: number };
};

export const REJOIN_MONTHS = 12;
export const WINBACK_WINDOW_DAYS = 90;
export const CHART_CAMPAIGNS = 6;
const MAX_DORMANT_SERIES = 7;

export const REASON_LABELS: Record<string, string> = { never_watched: 'Never watched', inactive: 'Inactive' };

function usd(totals: CurrencyTotals, fx: FxTable, day: string, missing: Set<string>): number {
  const r = toReporting(totals, fx, day);
  for (const c of r.missing) missing.add(c);
  return Number(r.minor);
}

export function buildOverview(i: OverviewInputs) {
  const { filters: f, today, fx } = i;
  const missing = new Set<string>();
  const currentMonth = today.slice(0, 7);

  // --- members (snapshot) ---
  const m = summariseMembers(i.histogram, i.policy);
  const atRiskUsd = usd(m.atRiskMonthly, fx, today, missing);

  // --- forgone revenue ---
  const firstMonth = firstCancellationMonth(i.cancellations);
  const forgoneMonths = firstMonth ? monthsBetween(firstMonth, currentMonth) : [];
  let running = 0;
  const forgoneSeries = forgoneMonths.map((month) => {
    const fm = forgoneForMonth(i.cancellations, month);
    const rateDay = month === currentMonth ? today : lastDayOfMonth(month);
    const amount = usd(fm.totals, fx, rateDay, missing);
    running += amount;
    return { month, members: fm.members, amount, cumulative: running };
  });
  const latest = forgoneSeries.at(-1);
  const forgoneMonthUsd = latest?.amount ?? 0;
  const forgoneAnnualUsd = Number(annualise(BigInt(forgoneMonthUsd)));
  const forgoneCumulativeUsd = latest?.cumulative ?? 0;
  const inRange = new Map(forgoneSeries.map((p) => [p.month, p]));
  const forgoneTable: DataTable = {
    columns: [
      { key: 'month', label: 'Month', format: 'text' },
      { key: 'members', label: 'Cancelled, not rejoined', format: 'int' },
      { key: 'forgone', label: 'Forgone revenue that month', format: 'money' },
      { key: 'cumulative', label: 'Cumulative since first batch', format: 'money' },
    ],
    rows: monthsBetween(f.from, f.to).map((month) => {
      const p = inRange.get(month);
      // Before the first batch nothing is forgone; the cumulative line starts at the first batch.
      return [month, p?.members ?? 0, p?.amount ?? 0, p?.cumulative ?? 0];
    }),
  };

  // --- rejoins and forecast ---
  const share = expectedRejoinShare(i.cancellations, today, i.policy.retentionDays);
  const rejoinPoints = rejoinRateByMonth(i.cancellations, today, REJOIN_MONTHS);
  const rejoinTable: DataTable = {
    columns: [
      { key: 'k', label: 'Months since cancellation', format: 'int' },
      { key: 'cohort', label: 'Cancelled at least that long ago', format: 'int' },
      { key: 'rejoined', label: 'Rejoined within that time', format: 'int' },
      { key: 'rate', label: 'Rejoin rate', format: 'pct' },
    ],
    rows: rejoinPoints.map((p) => [p.k, p.cohort, p.rejoined, p.cohort > 0 ? p.rejoined / p.cohort : null]),
  };
  const fc = forecast(BigInt(forgoneAnnualUsd), f.horizon, share);
  const forecastTable: DataTable = {
    columns: [
      { key: 'year', label: 'Years ahead', format: 'int' },
      { key: 'expected', label: 'Forecast forgone, net of expected rejoins', format: 'money' },
      { key: 'gross', label: 'Forecast forgone, without rejoins', format: 'money' },
    ],
    rows: fc.map((p) => [p.year, Number(p.expected), Number(p.withoutRejoins)]),
  };

  let cancelledEver = 0;
  let rejoinedEver = 0;
  for (const c of i.cancellations) {
    cancelledEver += c.n;
    if (c.rejoinDay !== null) rejoinedEver += c.n;
  }

  // --- campaigns ---
  const rangeStart = dayStartMs(`${f.from}-01`);
  const rangeEnd = dayStartMs(addDays(lastDayOfMonth(f.to), 1));
  const started = (c: CampaignMeta) => c.sendStartedAt ?? c.createdAt;
  const campaignsInRange = i.campaigns.filter((c) => started(c) >= rangeStart && started(c) < rangeEnd);
  const inRangeIds = new Set(campaignsInRange.map((c) => c.id));
  const outcomesInRange = i.outcomes.filter((o) => inRangeIds.has(o.campaignId));
  const byCampaign = new Map(winbackByCampaign(outcomesInRange).map((r) => [r.campaignId, r]));
  const variantName = new Map(i.variants.map((v) => [v.id, `${v.key}: ${v.name}`]));
  const winbackRows: DataTable['rows'] = [];
  for (const c of campaignsInRange) {
    const r = byCampaign.get(c.id);
    if (!r) continue;
    winbackRows.push([
      c.name,
      dayOf(started(c)),
      'Holdout',
      r.holdout.assigned,
      r.holdout.wonBack,
      r.holdout.rate,
      r.holdout.ci?.low ?? null,
      r.holdout.ci?.high ?? null,
      null,
      null,
      null,
      null,
    ]);
    for (const v of r.variants)
      winbackRows.push([
        c.name,
        dayOf(started(c)),
        variantName.get(v.variantId) ?? `Variant ${v.variantId}`,
        v.assigned,
        v.wonBack,
        v.rate,
        v.ci?.low ?? null,
        v.ci?.high ?? null,
        v.ratePerSent,
        v.lift?.difference ?? null,
        v.lift?.low ?? null,
        v.lift?.high ?? null,
      ]);
  }
  const winbackTable: DataTable = {
    columns: [
      { key: 'campaign', label: 'Campaign', format: 'text' },
      { key: 'started', label: 'Started', format: 'text' },
      { key: 'group', label: 'Group', format: 'text' },
      { key: 'assigned', label: 'Assigned', format: 'int' },
      { key: 'wonBack', label: 'Won back', format: 'int' },
      { key: 'rate', label: 'Win-back rate', format: 'pct' },
      { key: 'low', label: '95% CI low', format: 'pct' },
      { key: 'high', label: '95% CI high', format: 'pct' },
      { key: 'perSent', label: 'Win-back rate per sent', format: 'pct' },
      { key: 'lift', label: 'Lift vs holdout', format: 'pct' },
      { key: 'liftLow', label: 'Lift 95% CI low', format: 'pct' },
      { key: 'liftHigh', label: 'Lift 95% CI high', format: 'pct' },
    ],
    rows: winbackRows,
  };
  const funnelStages = funnel(outcomesInRange);
  const top = funnelStages[0]?.count ?? 0;
  const funnelTable: DataTable = {
    columns: [
      { key: 'stage', label: 'Stage', format: 'text' },
      { key: 'members', label: 'Members', format: 'int' },
      { key: 'share', label: 'Share of those assigned', format: 'pct' },
    ],
    rows: funnelStages.map((s) => [s.label, s.count, top > 0 ? s.count / top : null]),
  };

  // Win-back over the last 90 days: campaigns whose response deadline passed in that window (final outcomes).
  const windowStart = i.nowMs - WINBACK_WINDOW_DAYS * 86_400_000;
  const recentIds = new Set(
    i.campaigns.filter((c) => c.deadlineAt !== null && c.deadlineAt > windowStart && c.deadlineAt <= i.nowMs).map((c) => c.id),
  );
  const recent = i.outcomes.filter((o) => recentIds.has(o.campaignId));
  const winback90 = {
    campaigns: recentIds.size,
    variants: groupRate(recent.filter((o) => o.variantId !== 0)),
    holdout: groupRate(recent.filter((o) => o.variantId === 0)),
  };

  // --- dormant members over time (dormancy_daily) ---
  const dormant = dormantSeries(i.daily, f.by);

  return {
    today,
    currentMonth,
    policy: i.policy,
    missingRates: [...missing].sort(),
    cards: {
      members: m.members,
      dormant: m.dormant,
      dormantNeverWatched: m.dormantNeverWatched,
      dormantInactive: m.dormantInactive,
      dormantShare: m.members > 0 ? m.dormant / m.members : null,
      atRiskCount: m.atRiskCount,
      atRiskUsd,
      year: today.slice(0, 4),
      cancelledThisYear: cancelledBetween(i.cancellations, `${today.slice(0, 4)}-01-01`, today),
      firstBatchMonth: firstMonth,
      forgoneMonthUsd,
      forgoneMonthMembers: latest?.members ?? 0,
      forgoneAnnualUsd,
      forgoneCumulativeUsd,
      winback90,
      cancelledEver,
      rejoinedEver,
      retentionDays: i.policy.retentionDays,
    },
    dormant,
    forgone: { table: forgoneTable },
    forecast: {
      table: forecastTable,
      horizon: f.horizon,
      share,
      annualUsd: forgoneAnnualUsd,
      assumption: rejoinAssumption(share),
    },
    rejoins: { table: rejoinTable },
    winback: { table: winbackTable, campaignsInRange: campaignsInRange.length },
    funnel: { table: funnelTable },
  };
}

export type OverviewModel = ReturnType<typeof buildOverview>;

/** The sentence stated on the forecast chart. */
export function rejoinAssumption(s: RejoinShare): string {
  const pct = s.cohort > 0 ? `${((100 * s.rejoined) / s.cohort).toFixed(1)}%` : '0%';
  const counts = `${s.rejoined.toLocaleString('en-US')} of ${s.cohort.toLocaleString('en-US')}`;
  switch (s.basis.kind) {
    case 'retention-closed':
      return `Assumes ${pct} of cancelled members rejoin: observed among members cancelled at least ${s.basis.retentionDays} days ago, whose rejoin window has closed (${counts}).`;
    case 'month':
      return `Assumes ${pct} of cancelled members rejoin: the rejoin rate within ${s.basis.k} months, the longest span observed so far (${counts}); no rejoin window has closed yet.`;
    default:
      return 'Assumes no rejoins: no cancelled member has been cancelled long enough to observe one.';
  }
}

/**
 * Pivots daily counts into one row per point with a column per series. Long ranges keep one point
 * a week (the latest day with data in each Monday–Sunday week) so the chart stays readable; the
 * count shown is still that day's count, never an average.
 */
export function dormantSeries(daily: { day: string; key: string; n: number }[], by: OverviewFilters['by']) {
  const totals = new Map<string, number>();
  const lastDay = daily.at(-1)?.day;
  for (const d of daily) if (d.day === lastDay) totals.set(d.key, (totals.get(d.key) ?? 0) + d.n);
  for (const d of daily) if (!totals.has(d.key)) totals.set(d.key, 0);
  let keys = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
  // Both reasons always show (a zero is information), in a fixed order so colours never swap.
  if (by === 'reason') keys = ['never_watched', 'inactive'].concat(keys.filter((k) => !REASON_LABELS[k]));
  let other = false;
  if (keys.length > MAX_DORMANT_SERIES) {
    keys = keys.slice(0, MAX_DORMANT_SERIES - 1);
    other = true;
  }
  const shown = new Set(keys);
  const days = [...new Set(daily.map((d) => d.day))];
  const weekly = days.length > 120;
  const keep = new Set<string>();
  if (weekly) {
    const lastOfWeek = new Map<number, string>();
    for (const day of days) lastOfWeek.set(Math.floor((dayIndex(dayStartMs(day)) + 3) / 7), day);
    for (const day of lastOfWeek.values()) keep.add(day);
  } else for (const day of days) keep.add(day);
  const byDay = new Map<string, Map<string, number>>();
  for (const d of daily) {
    if (!keep.has(d.day)) continue;
    const row = byDay.get(d.day) ?? new Map<string, number>();
    const k = shown.has(d.key) ? d.key : '__other';
    row.set(k, (row.get(k) ?? 0) + d.n);
    byDay.set(d.day, row);
  }
  const series = [
    ...keys.map((k) => ({ key: k, label: by === 'reason' ? (REASON_LABELS[k] ?? k) : k })),
    ...(other ? [{ key: '__other', label: 'Other countries' }] : []),
  ];
  const table: DataTable = {
    columns: [
      { key: 'day', label: 'Day', format: 'text' },
      ...series.map((s) => ({ key: s.key, label: s.label, format: 'int' as const })),
      { key: 'total', label: 'Total dormant', format: 'int' },
    ],
    rows: [...byDay.entries()].map(([day, row]) => {
      const values = series.map((s) => row.get(s.key) ?? 0);
      return [day, ...values, values.reduce((a, b) => a + b, 0)];
    }),
  };
  return { table, series, weekly, latestDay: lastDay ?? null };
}
