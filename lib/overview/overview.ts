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
  type PolicyThresholds,
} from '@/db/metrics';
import { riskDailySeries } from '@/db/risk';
import { dayOf, lastDayOfMonth } from '@/lib/domain/metrics/days';
import { type OverviewFilters, parseOverviewFilters } from '@/lib/domain/metrics/filters';
import { type BaseInputs, buildOverviewBase, type OverviewModel, withMemberFigures } from '@/lib/domain/metrics/overview';
import { now } from '@/lib/runtime/clock';
import { ensureFresh, type Preparing, preparing } from '@/lib/runtime/metrics-refresh';
import { type AsOf, asOf, cached, type SnapshotKeys, snapshotKeys } from './cache';
import { freshEnough } from './fresh';

export type SearchParams = Record<string, string | string[] | undefined>;
export type Overview = OverviewModel & { asOf: AsOf; preparing: Preparing };

/** Every input but the members snapshot, read from the pre-aggregated tables for the given filters. */
function baseInputs(sqlite: Database.Database, filters: OverviewFilters, policy: PolicyThresholds, at: number): BaseInputs {
  const scope = { country: filters.country, plan: filters.plan };
  const { campaigns, variants } = campaignInfo(sqlite);
  const range = { fromDay: `${filters.from}-01`, toDay: lastDayOfMonth(filters.to) };
  return {
    filters,
    today: dayOf(at),
    nowMs: at,
    cancellations: cancellationRows(sqlite, scope),
    cancellationsUndone: cancellationsUndoneByLateViews(sqlite, scope),
    ownCancellations: ownCancellationRows(sqlite, scope),
    outcomes: outcomeRows(sqlite, scope),
    campaigns,
    variants,
    daily: dormancyDailyRows(sqlite, { ...scope, ...range, by: filters.by }),
    atRisk: riskDailySeries(drizzleFor(sqlite), { ...scope, ...range }),
    fx: loadFxTable(sqlite),
    policy,
  };
}

/**
 * Everything the overview page and its CSV downloads show, for the given filters. A fold of member
 * changes (every few seconds while views arrive) moves only the members figures, so the rest is
 * cached under a key without the fold's mark: a fold re-reads the snapshot (one grouped pass over
 * its buckets) and rebuilds only the cards and chart point that read it.
 */
export function loadOverview(sqlite: Database.Database, filters: OverviewFilters, at: number): Overview {
  ensureFresh(sqlite, at);
  return overviewModel(sqlite, filters, at, snapshotKeys(sqlite));
}

/** The overview for snapshot keys the caller has read after bringing the snapshot up to date. */
function overviewModel(sqlite: Database.Database, filters: OverviewFilters, at: number, keys: SnapshotKeys): Overview {
  const prep = preparing(sqlite);
  const policy = currentPolicyThresholds(sqlite);
  const view = `${JSON.stringify(filters)}|${policy.id}|${dayOf(at)}`;
  const model = cached(`overview|${keys.members}|${view}`, at, () => {
    const base = cached(`overview-base|${keys.base}|${view}`, at, () =>
      buildOverviewBase(baseInputs(sqlite, filters, policy, at)),
    );
    return withMemberFigures(base, histogramRows(sqlite, { country: filters.country, plan: filters.plan }, policy));
  });
  return { ...model, asOf: asOf(sqlite), preparing: prep };
}

/**
 * The page and its CSV downloads read the URL the same way, so both show the same numbers. The
 * snapshot is brought up to date once more after any wait for a first build, then its keys are read
 * once for the filter menus and the figures alike.
 */
export async function overviewFor(raw: SearchParams) {
  const sqlite = getSqlite();
  await freshEnough(sqlite, now());
  const at = now();
  ensureFresh(sqlite, at);
  const keys = snapshotKeys(sqlite);
  const options = cached(`options|${keys.base}`, at, () => filterOptions(sqlite));
  const { filters, messages } = parseOverviewFilters(raw, { today: dayOf(at), ...options });
  return { at, options, filters, messages, model: overviewModel(sqlite, filters, at, keys) };
}
