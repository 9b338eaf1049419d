import 'server-only';
import { getSqlite } from '@/db/client';
import { loadFilterOptions, loadOverview } from '@/db/metrics';
import { now } from '@/lib/clock';
import { dayOf } from '@/lib/metrics/days';
import { parseOverviewFilters } from '@/lib/metrics/filters';

export type SearchParams = Record<string, string | string[] | undefined>;

/** The page and its CSV downloads read the URL the same way, so both show the same numbers. */
export function overviewFor(raw: SearchParams) {
  const at = now();
  const sqlite = getSqlite();
  const options = loadFilterOptions(sqlite, at);
  const { filters, messages } = parseOverviewFilters(raw, { today: dayOf(at), ...options });
  return { at, options, filters, messages, model: loadOverview(sqlite, filters, at) };
}

export const CHARTS = ['dormant', 'forgone', 'forecast', 'winback', 'funnel', 'rejoins'] as const;
export type ChartName = (typeof CHARTS)[number];

export function chartTable(model: ReturnType<typeof overviewFor>['model'], chart: ChartName) {
  return {
    dormant: model.dormant.table,
    forgone: model.forgone.table,
    forecast: model.forecast.table,
    winback: model.winback.table,
    funnel: model.funnel.table,
    rejoins: model.rejoins.table,
  }[chart];
}
