import 'server-only';
import type Database from 'better-sqlite3';
import { and, asc, desc, eq, gte, lte, notInArray, sql } from 'drizzle-orm';
import { type AnySQLiteColumn, union } from 'drizzle-orm/sqlite-core';
import type { CancellationRow } from '@/lib/domain/metrics/cancellations';
import type { HistogramRow, Thresholds } from '@/lib/domain/metrics/members';
import type { OwnCancellationRow } from '@/lib/domain/metrics/overview-own-request';
import type { OutcomeRow } from '@/lib/domain/metrics/winback';
import { drizzleFor } from './client';
import { HISTOGRAM_MAX_DAYS } from './metrics.sql';
import {
  campaigns as campaignsTable,
  campaignVariants,
  dormancyDaily,
  metricsCampaignOutcomes,
  metricsCancellations,
  metricsLateViews,
  metricsMemberHistogram,
  metricsOwnCancellations,
  policyVersions,
} from './schema';

// The overview's reads: the small pre-aggregated metrics_* tables, dormancy_daily and a few small
// tables (campaigns, variants, the current policy). db/metrics-refresh.ts rebuilds the metrics_* tables.

export type Scope = { country: string | null; plan: string | null };

/** (country is null or matches) and (plan is null or matches), on a table with both columns. */
function inScope(t: { country: AnySQLiteColumn; plan: AnySQLiteColumn }, s: Scope) {
  return and(s.country === null ? undefined : eq(t.country, s.country), s.plan === null ? undefined : eq(t.plan, s.plan));
}

/**
 * The snapshot's buckets (days since last view or join), or, given thresholds, the snapshot
 * collapsed for them: each bucket's days become HISTOGRAM_MAX_DAYS when dormant under them and −1
 * when not, so summariseMembers (lib/domain/metrics/members.ts) with the same thresholds gives
 * exactly the answer it would on the full histogram, from a few hundred rows instead of up to a
 * few hundred thousand. The collapse groups by the key without its last column (days), so SQLite
 * aggregates in key order with no sort; each group yields its dormant and its other members.
 */
export function histogramRows(sqlite: Database.Database, scope: Scope, t?: Thresholds): HistogramRow[] {
  const h = metricsMemberHistogram;
  const db = drizzleFor(sqlite);
  const cols = { country: h.country, plan: h.plan, currency: h.currency, watched: h.watched, inCampaign: h.inCampaign };
  type Raw = { country: string; plan: string; currency: string; watched: number; inCampaign: number };
  const asRow = (r: Raw) => ({
    country: r.country,
    plan: r.plan,
    currency: r.currency,
    watched: r.watched === 1,
    inCampaign: r.inCampaign === 1,
  });
  if (!t)
    return db
      .select({ ...cols, days: h.days, n: h.n, priceMinor: h.priceMinor })
      .from(h)
      .where(inScope(h, scope))
      .all()
      .map((r) => ({ ...asRow(r), days: r.days, n: r.n, priceMinor: r.priceMinor }));
  const dormant = sql`(${h.watched} = 1 AND ${h.days} >= ${t.inactiveDays}) OR (${h.watched} = 0 AND ${h.days} >= ${t.neverWatchedDays})`;
  const groups = db
    .select({
      ...cols,
      n: sql<number>`sum(${h.n})`,
      priceMinor: sql<number>`sum(${h.priceMinor})`,
      dormantN: sql<number>`coalesce(sum(${h.n}) FILTER (WHERE ${dormant}), 0)`,
      dormantPrice: sql<number>`coalesce(sum(${h.priceMinor}) FILTER (WHERE ${dormant}), 0)`,
    })
    .from(h)
    .where(inScope(h, scope))
    .groupBy(h.country, h.plan, h.currency, h.watched, h.inCampaign)
    .all();
  return groups.flatMap(({ n, priceMinor, dormantN, dormantPrice, ...g }) => {
    const rows: HistogramRow[] = [];
    if (dormantN > 0) rows.push({ ...asRow(g), days: HISTOGRAM_MAX_DAYS, n: dormantN, priceMinor: dormantPrice });
    if (n > dormantN) rows.push({ ...asRow(g), days: -1, n: n - dormantN, priceMinor: priceMinor - dormantPrice });
    return rows;
  });
}

export function cancellationRows(sqlite: Database.Database, scope: Scope): CancellationRow[] {
  const c = metricsCancellations;
  const rows = drizzleFor(sqlite)
    .select({
      cancelDay: c.cancelDay,
      rejoinDay: c.rejoinDay,
      country: c.country,
      plan: c.plan,
      currency: c.currency,
      n: c.n,
      priceMinor: c.priceMinor,
    })
    .from(c)
    .where(inScope(c, scope))
    .all();
  return rows.map((r) => ({ ...r, rejoinDay: r.rejoinDay === '' ? null : r.rejoinDay }));
}

/** Members cancelled at their own request (keep page), by cancel day: apart from Rekindle's cancellations. */
export function ownCancellationRows(sqlite: Database.Database, scope: Scope): OwnCancellationRow[] {
  const c = metricsOwnCancellations;
  return drizzleFor(sqlite)
    .select({ cancelDay: c.cancelDay, country: c.country, plan: c.plan, currency: c.currency, n: c.n, priceMinor: c.priceMinor })
    .from(c)
    .where(inScope(c, scope))
    .all();
}

/** Members whose batch cancellation a late view undid (never counted as cancelled or rejoined). */
export function cancellationsUndoneByLateViews(sqlite: Database.Database, scope: Scope): number {
  const l = metricsLateViews;
  return (
    drizzleFor(sqlite)
      .select({ n: sql<number>`coalesce(sum(${l.n}), 0)` })
      .from(l)
      .where(inScope(l, scope))
      .get()?.n ?? 0
  );
}

export function outcomeRows(sqlite: Database.Database, scope: Scope): OutcomeRow[] {
  const o = metricsCampaignOutcomes;
  return drizzleFor(sqlite)
    .select({
      campaignId: o.campaignId,
      variantId: o.variantId,
      assigned: sql<number>`sum(${o.assigned})`,
      sent: sql<number>`sum(${o.sent})`,
      wonBack: sql<number>`sum(${o.wonBack})`,
      wonBackSent: sql<number>`sum(${o.wonBackSent})`,
      cancelled: sql<number>`sum(${o.cancelled})`,
      rejoined: sql<number>`sum(${o.rejoined})`,
      choseToLeave: sql<number>`sum(${o.choseToLeave})`,
    })
    .from(o)
    .where(inScope(o, scope))
    .groupBy(o.campaignId, o.variantId)
    .all();
}

export type CampaignInfo = {
  id: number;
  name: string;
  status: string;
  sendStartedAt: number | null;
  deadlineAt: number | null;
  createdAt: number;
  parentCampaignId: number | null;
};
export type VariantInfo = { id: number; campaignId: number; key: string; name: string; offer: string };

/** Campaigns past their draft (and not cancelled) in the order they started, with every variant. */
export function campaignInfo(sqlite: Database.Database): { campaigns: CampaignInfo[]; variants: VariantInfo[] } {
  const db = drizzleFor(sqlite);
  const c = campaignsTable;
  const campaigns = db
    .select({
      id: c.id,
      name: c.name,
      status: c.status,
      sendStartedAt: c.sendStartedAt,
      deadlineAt: c.deadlineAt,
      createdAt: c.createdAt,
      parentCampaignId: c.parentCampaignId,
    })
    .from(c)
    .where(notInArray(c.status, ['draft', 'cancelled']))
    .orderBy(sql`coalesce(${c.sendStartedAt}, ${c.createdAt})`, c.id)
    .all();
  const v = campaignVariants;
  const variants = db
    .select({ id: v.id, campaignId: v.campaignId, key: v.key, name: v.name, offer: v.offer })
    .from(v)
    .orderBy(v.campaignId, v.key)
    .all();
  return { campaigns, variants };
}

/** Ids of the closed campaigns (the simulator's observed win-back comes from them). */
export function closedCampaignIds(sqlite: Database.Database): Set<number> {
  const rows = drizzleFor(sqlite)
    .select({ id: campaignsTable.id })
    .from(campaignsTable)
    .where(eq(campaignsTable.status, 'closed'))
    .all();
  return new Set(rows.map((r) => r.id));
}

export type DailyPoint = { day: string; key: string; n: number };

/** Dormant members per day from dormancy_daily (a range on its primary key), broken down by `by`. */
export function dormancyDailyRows(
  sqlite: Database.Database,
  scope: Scope & { fromDay: string; toDay: string; by: 'reason' | 'country' | 'plan' },
): DailyPoint[] {
  const d = dormancyDaily;
  const key = { reason: d.reason, country: d.country, plan: d.plan }[scope.by];
  return drizzleFor(sqlite)
    .select({ day: d.day, key, n: sql<number>`sum(${d.count})` })
    .from(d)
    .where(and(gte(d.day, scope.fromDay), lte(d.day, scope.toDay), inScope(d, scope)))
    .groupBy(d.day, key)
    .orderBy(d.day)
    .all();
}

/** Countries and plans for the filter menus (from the snapshot, so no scan of members). */
export function filterOptions(sqlite: Database.Database): { countries: string[]; plans: string[] } {
  const db = drizzleFor(sqlite);
  const h = metricsMemberHistogram;
  const d = dormancyDaily;
  const latestDay = db.select({ day: sql<string>`max(${d.day})` }).from(d);
  const col = (c: 'country' | 'plan') =>
    union(
      db.select({ v: h[c] }).from(h),
      db
        .select({ v: d[c] })
        .from(d)
        .where(eq(d.day, sql`(${latestDay})`)),
    )
      .orderBy(asc(sql`1`))
      .all()
      .map((r) => r.v);
  return { countries: col('country'), plans: col('plan') };
}

export type PolicyThresholds = { id: number; neverWatchedDays: number; inactiveDays: number; retentionDays: number };

export function currentPolicyThresholds(sqlite: Database.Database): PolicyThresholds {
  const p = policyVersions;
  const row = drizzleFor(sqlite)
    .select({ id: p.id, neverWatchedDays: p.neverWatchedDays, inactiveDays: p.inactiveDays, retentionDays: p.retentionDays })
    .from(p)
    .orderBy(desc(p.id))
    .limit(1)
    .get();
  return row ?? { id: 0, neverWatchedDays: 365, inactiveDays: 730, retentionDays: 300 };
}
