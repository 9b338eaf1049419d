import 'server-only';
import { getSqlite } from '@/db/client';
import { awaitRefresh, ensureFresh, loadFilterOptions, loadOverview, preparing } from '@/db/metrics';
import { dayOf } from '@/lib/domain/metrics/days';
import { parseOverviewFilters } from '@/lib/domain/metrics/filters';
import { now } from '@/lib/runtime/clock';

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * How long a request may wait for a background rebuild of a part never built before rendering it
 * as "being prepared". A small database is ready well within it (so a fresh demo or test shows its
 * figures at once); at 5M members the rebuild takes far longer and the page does not wait for it.
 * Awaiting a worker blocks nothing: other requests are served meanwhile.
 */
const FIRST_BUILD_WAIT_MS = 1_500;

/** The page and its CSV downloads read the URL the same way, so both show the same numbers. */
export async function overviewFor(raw: SearchParams) {
  const sqlite = getSqlite();
  ensureFresh(sqlite, now());
  if (preparing(sqlite).parts.length > 0) await awaitRefresh(FIRST_BUILD_WAIT_MS);
  const at = now();
  const options = loadFilterOptions(sqlite, at);
  const { filters, messages } = parseOverviewFilters(raw, { today: dayOf(at), ...options });
  return { at, options, filters, messages, model: loadOverview(sqlite, filters, at) };
}

export const CHARTS = ['dormant', 'forgone', 'forecast', 'winback', 'funnel', 'rejoins'] as const;
export type ChartName = (typeof CHARTS)[number];

export function chartTable(model: Awaited<ReturnType<typeof overviewFor>>['model'], chart: ChartName) {
  return {
    dormant: model.dormant.table,
    forgone: model.forgone.table,
    forecast: model.forecast.table,
    winback: model.winback.table,
    funnel: model.funnel.table,
    rejoins: model.rejoins.table,
  }[chart];
}

/** The aggregate a chart is drawn from; the dormant chart reads the daily scans, always there. */
export const CHART_PART: Record<ChartName, 'outcomes' | null> = {
  dormant: null,
  forgone: 'outcomes',
  forecast: 'outcomes',
  winback: 'outcomes',
  funnel: 'outcomes',
  rejoins: 'outcomes',
};
