import 'server-only';
import type Database from 'better-sqlite3';
import { drizzleFor, getSqlite } from '@/db/client';
import { loadFxTable } from '@/db/fx';
import {
  campaignInfo,
  cancellationRows,
  cancellationsUndoneByLateViews,
  currentPolicyThresholds,
  dormancyDailyRows,
  filterOptions,
  histogramRows,
  outcomeRows,
  ownCancellationRows,
} from '@/db/metrics';
import { riskDailySeries } from '@/db/risk';
import { dayOf, lastDayOfMonth } from '@/lib/domain/metrics/days';
import { type OverviewFilters, parseOverviewFilters } from '@/lib/domain/metrics/filters';
import { buildOverview, type OverviewModel } from '@/lib/domain/metrics/overview';
import { now } from '@/lib/runtime/clock';
import { ensureFresh, type Preparing, preparing } from '@/lib/runtime/metrics-refresh';
import { type AsOf, asOf, cached, marksKey } from './cache';
import { freshEnough } from './fresh';

export type SearchParams = Record<string, string | string[] | undefined>;
export type Overview = OverviewModel & { asOf: AsOf; preparing: Preparing };

/** The model's inputs, read from the pre-aggregated tables for the given filters. */
function overviewInputs(sqlite: Database.Database, filters: OverviewFilters, at: number) {
  const scope = { country: filters.country, plan: filters.plan };
  const { campaigns, variants } = campaignInfo(sqlite);
  const policy = currentPolicyThresholds(sqlite);
  return {
    filters,
    today: dayOf(at),
    nowMs: at,
    histogram: histogramRows(sqlite, scope, policy),
    cancellations: cancellationRows(sqlite, scope),
    cancellationsUndone: cancellationsUndoneByLateViews(sqlite, scope),
    ownCancellations: ownCancellationRows(sqlite, scope),
    outcomes: outcomeRows(sqlite, scope),
    campaigns,
    variants,
    daily: dormancyDailyRows(sqlite, {
      ...scope,
      fromDay: `${filters.from}-01`,
      toDay: lastDayOfMonth(filters.to),
      by: filters.by,
    }),
    atRisk: riskDailySeries(drizzleFor(sqlite), { ...scope, fromDay: `${filters.from}-01`, toDay: lastDayOfMonth(filters.to) }),
    fx: loadFxTable(sqlite),
    policy,
  };
}

/** Everything the overview page and its CSV downloads show, for the given filters. */
export function loadOverview(sqlite: Database.Database, filters: OverviewFilters, at: number): Overview {
  ensureFresh(sqlite, at);
  const prep = preparing(sqlite);
  const key = `overview|${marksKey(sqlite)}|${JSON.stringify(filters)}|${dayOf(at)}`;
  const model = cached(key, at, () => buildOverview(overviewInputs(sqlite, filters, at)));
  return { ...model, asOf: asOf(sqlite), preparing: prep };
}

/** The filter menus, from the snapshot (refreshing it first if stale). */
export function loadFilterOptions(sqlite: Database.Database, at: number) {
  ensureFresh(sqlite, at);
  return cached(`options|${marksKey(sqlite)}`, at, () => filterOptions(sqlite));
}

/** The page and its CSV downloads read the URL the same way, so both show the same numbers. */
export async function overviewFor(raw: SearchParams) {
  const sqlite = getSqlite();
  await freshEnough(sqlite, now());
  const at = now();
  const options = loadFilterOptions(sqlite, at);
  const { filters, messages } = parseOverviewFilters(raw, { today: dayOf(at), ...options });
  return { at, options, filters, messages, model: loadOverview(sqlite, filters, at) };
}
