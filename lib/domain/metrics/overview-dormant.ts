import { dayIndex, dayStartMs } from './days';
import type { OverviewFilters } from './filters';
import { type HistogramRow, isDormantBucket, type Thresholds } from './members';
import type { DataTable } from './table';

export const REASON_LABELS: Record<string, string> = { never_watched: 'Never watched', inactive: 'Inactive' };
const MAX_DORMANT_SERIES = 7;

type DailyCount = { day: string; key: string; n: number };

/**
 * The series shown, largest on the latest day first; past MAX_DORMANT_SERIES the rest fold into
 * one "other" series. By reason, both reasons always show (a zero is information), in a fixed
 * order so colours never swap.
 */
function seriesKeys(daily: DailyCount[], by: OverviewFilters['by']) {
  const totals = new Map<string, number>();
  const lastDay = daily.at(-1)?.day;
  for (const d of daily) if (d.day === lastDay) totals.set(d.key, (totals.get(d.key) ?? 0) + d.n);
  for (const d of daily) if (!totals.has(d.key)) totals.set(d.key, 0);
  let keys = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
  if (by === 'reason') keys = ['never_watched', 'inactive'].concat(keys.filter((k) => !REASON_LABELS[k]));
  if (keys.length <= MAX_DORMANT_SERIES) return { keys, other: false };
  return { keys: keys.slice(0, MAX_DORMANT_SERIES - 1), other: true };
}

/**
 * The days that get a point. Long ranges keep one point a week (the latest day with data in each
 * Monday–Sunday week) so the chart stays readable; the count shown is still that day's count,
 * never an average.
 */
function daysShown(daily: DailyCount[]) {
  const days = [...new Set(daily.map((d) => d.day))];
  const weekly = days.length > 120;
  if (!weekly) return { keep: new Set(days), weekly };
  const lastOfWeek = new Map<number, string>();
  for (const day of days) lastOfWeek.set(Math.floor((dayIndex(dayStartMs(day)) + 3) / 7), day);
  return { keep: new Set(lastOfWeek.values()), weekly };
}

/**
 * The daily counts with today's taken from the member histogram, the source of the "Dormant now"
 * card, so the card and the chart's point for today never disagree (the daily scan's count for
 * today is older). Only when today is within the range read.
 */
export function withTodayFromHistogram(
  daily: DailyCount[],
  histogram: readonly HistogramRow[],
  t: Thresholds,
  today: string,
  range: { fromDay: string; toDay: string },
  by: OverviewFilters['by'],
): DailyCount[] {
  if (today > range.toDay || today < range.fromDay) return daily;
  // By reason both series always show, so today gets both even at zero.
  const counts = new Map<string, number>(
    by === 'reason'
      ? [
          ['never_watched', 0],
          ['inactive', 0],
        ]
      : [],
  );
  for (const r of histogram) {
    if (!isDormantBucket(r, t)) continue;
    const key = by === 'reason' ? (r.watched ? 'inactive' : 'never_watched') : by === 'country' ? r.country : r.plan;
    counts.set(key, (counts.get(key) ?? 0) + r.n);
  }
  const before = daily.filter((d) => d.day < today);
  return [...before, ...[...counts.entries()].map(([key, n]) => ({ day: today, key, n }))];
}

/** The column of active members scored at risk (high or medium), drawn as a line beside the stacked dormant. */
export const AT_RISK_KEY = 'at_risk';

/**
 * Pivots daily counts into one row per point with a column per series (and the total); with
 * `atRisk` (high + medium members per scored day), an "At risk" column beside them, empty on days
 * not scored.
 */
export function dormantSeries(daily: DailyCount[], by: OverviewFilters['by'], atRisk: { day: string; n: number }[] = []) {
  const { keys, other } = seriesKeys(daily, by);
  const { keep, weekly } = daysShown(daily);
  const shown = new Set(keys);
  const risk = new Map<string, number>();
  for (const r of atRisk) if (keep.has(r.day)) risk.set(r.day, (risk.get(r.day) ?? 0) + r.n);
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
      ...(risk.size ? [{ key: AT_RISK_KEY, label: 'At risk (active, high or medium)', format: 'int' as const }] : []),
    ],
    rows: [...byDay.entries()].map(([day, row]) => {
      const values = series.map((s) => row.get(s.key) ?? 0);
      return [day, ...values, values.reduce((a, b) => a + b, 0), ...(risk.size ? [risk.get(day) ?? null] : [])];
    }),
  };
  return { table, series, weekly, latestDay: daily.at(-1)?.day ?? null };
}
