import 'server-only';
import type Database from 'better-sqlite3';
import { loadFxTable } from '@/db/fx';
import { cancellationRows, closedCampaignIds, currentPolicyThresholds, histogramRows, outcomeRows } from '@/db/metrics';
import { expectedRejoinShare } from '@/lib/domain/metrics/cancellations';
import { dayOf } from '@/lib/domain/metrics/days';
import type { HistogramRow, Thresholds } from '@/lib/domain/metrics/members';
import { groupRate } from '@/lib/domain/metrics/winback';
import { ensureFresh } from '@/lib/runtime/metrics-refresh';
import { asOf, cached, snapshotKeys } from './cache';

const ALL = { country: null, plan: null };

/** The simulator's inputs: the snapshot, observed win-back and rejoin shares, and today's rates. */
export function loadSimulatorBase(sqlite: Database.Database, at: number) {
  ensureFresh(sqlite, at);
  const base = cached(`simulator|${snapshotKeys(sqlite).base}|${dayOf(at)}`, at, () => {
    const policy = currentPolicyThresholds(sqlite);
    const closed = closedCampaignIds(sqlite);
    const outcomes = outcomeRows(sqlite, ALL).filter((o) => closed.has(o.campaignId) && o.variantId !== 0);
    const baseline = groupRate(outcomes);
    const today = dayOf(at);
    const rejoin = expectedRejoinShare(cancellationRows(sqlite, ALL), today, policy.retentionDays);
    return {
      policy,
      fx: loadFxTable(sqlite),
      today,
      baseline: { num: baseline.wonBack, den: baseline.assigned, campaigns: new Set(outcomes.map((o) => o.campaignId)).size },
      rejoin,
    };
  });
  return { ...base, asOf: asOf(sqlite) };
}

/** The snapshot collapsed for a scenario's thresholds (cached like the rest). */
export function simulatorRows(sqlite: Database.Database, t: Thresholds, at: number): HistogramRow[] {
  return cached(`simrows|${snapshotKeys(sqlite).members}|${t.neverWatchedDays}|${t.inactiveDays}`, at, () =>
    histogramRows(sqlite, ALL, t),
  );
}
