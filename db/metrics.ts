import 'server-only';
import type Database from 'better-sqlite3';
import { type CancellationRow, expectedRejoinShare } from '@/lib/metrics/cancellations';
import { dayIndex, dayOf, lastDayOfMonth } from '@/lib/metrics/days';
import type { OverviewFilters } from '@/lib/metrics/filters';
import type { HistogramRow } from '@/lib/metrics/members';
import { buildOverview, type OverviewModel } from '@/lib/metrics/overview';
import { groupRate, type OutcomeRow } from '@/lib/metrics/winback';
import { loadFxTable } from './fx';

// The overview's data layer. Pages read only the small pre-aggregated metrics_* tables and
// dormancy_daily; the two refresh functions below are the only code that scans members or
// campaign_members, and they run when the sources change (see ensureFresh), not per request.

export const HISTOGRAM_MAX_DAYS = 3660;
const HOUR = 3_600_000;
/** The member snapshot is rebuilt at least this often, and on every new UTC day or finished job. */
export const MEMBERS_MAX_AGE_MS = HOUR;
/** Campaign outcomes and cancellations: at most this stale, and rebuilt within OUTCOMES_MIN_GAP_MS of a change. */
export const OUTCOMES_MAX_AGE_MS = 15 * 60_000;
export const OUTCOMES_MIN_GAP_MS = 2 * 60_000;

type Part = 'members' | 'outcomes';
export type RefreshMark = { part: Part; at: number; day: string; signature: string; tookMs: number };

function mark(sqlite: Database.Database, part: Part): RefreshMark | undefined {
  return sqlite.prepare('SELECT part, at, day, signature, took_ms AS tookMs FROM metrics_refresh WHERE part = ?').get(part) as
    | RefreshMark
    | undefined;
}

/** Cheap fingerprints of the sources (a handful of index/max lookups on small tables). */
function signatures(sqlite: Database.Database): Record<Part, string> {
  const r = sqlite
    .prepare(
      `SELECT (SELECT max(finished_at) FROM jobs WHERE status = 'done') AS jobs,
              (SELECT max(day) FROM dormancy_daily) AS daily,
              (SELECT max(id) FROM rejoins) AS rejoins,
              (SELECT max(executed_at) FROM batches) AS executed,
              (SELECT max(rowid) FROM keep_confirmations) AS keeps,
              (SELECT max(updated_at) FROM campaigns) AS campaigns,
              (SELECT count(*) FROM campaigns) AS campaignCount`,
    )
    .get() as Record<string, number | string | null>;
  return {
    members: `${r.jobs}|${r.daily}`,
    outcomes: `${r.jobs}|${r.rejoins}|${r.executed}|${r.keeps}|${r.campaigns}|${r.campaignCount}`,
  };
}

function writeMark(sqlite: Database.Database, part: Part, at: number, signature: string, tookMs: number) {
  sqlite
    .prepare(
      `INSERT INTO metrics_refresh (part, at, day, signature, took_ms) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(part) DO UPDATE SET at = excluded.at, day = excluded.day, signature = excluded.signature, took_ms = excluded.took_ms`,
    )
    .run(part, at, dayOf(at), signature, tookMs);
}

/**
 * Rebuilds the member histogram: one grouped pass over members (the only query here that reads
 * every member; seconds at 5M rows). Days are whole UTC days from the day of `at`.
 */
export function refreshMemberHistogram(sqlite: Database.Database, at: number) {
  const t0 = performance.now();
  const signature = signatures(sqlite).members;
  sqlite
    .transaction(() => {
      sqlite.prepare('DELETE FROM metrics_member_histogram').run();
      sqlite
        .prepare(
          `INSERT INTO metrics_member_histogram (country, plan, currency, watched, days, in_campaign, n, price_minor)
           SELECT country, plan, currency, last_viewed_at IS NOT NULL,
                  max(0, min(@cap, @today - coalesce(last_viewed_at, joined_at) / 86400000)),
                  status IN ('notified', 'proposed'), count(*), sum(price_minor)
           FROM members WHERE status <> 'cancelled'
           GROUP BY 1, 2, 3, 4, 5, 6`,
        )
        .run({ cap: HISTOGRAM_MAX_DAYS, today: dayIndex(at) });
      writeMark(sqlite, 'members', at, signature, Math.round(performance.now() - t0));
    })
    .immediate();
}

// A rejoin counts when it restores the member cancelled in that batch within the batch policy's retention window.
const REJOIN_OF_BM = `SELECT min(r.rejoined_at) FROM rejoins r
   WHERE r.member_id = bm.member_id AND r.batch_id = bm.batch_id
     AND r.rejoined_at >= coalesce(bm.decided_at, b.executed_at)
     AND r.rejoined_at <= coalesce(bm.decided_at, b.executed_at) + coalesce(p.retention_days, 300) * 86400000`;

/** Rebuilds cancellations and campaign outcomes (batch_members, rejoins, campaign_members). */
export function refreshOutcomes(sqlite: Database.Database, at: number) {
  const t0 = performance.now();
  const signature = signatures(sqlite).outcomes;
  sqlite
    .transaction(() => {
      sqlite.prepare('DELETE FROM metrics_cancellations').run();
      sqlite
        .prepare(
          `INSERT INTO metrics_cancellations (cancel_day, rejoin_day, country, plan, currency, n, price_minor)
           SELECT date(cancel_at / 1000, 'unixepoch'), coalesce(date(rejoin_at / 1000, 'unixepoch'), ''),
                  country, plan, currency, count(*), sum(price_minor)
           FROM (SELECT coalesce(bm.decided_at, b.executed_at) AS cancel_at, (${REJOIN_OF_BM}) AS rejoin_at,
                        bm.country, bm.plan, bm.currency, bm.price_minor
                 FROM batch_members bm JOIN batches b ON b.id = bm.batch_id
                 LEFT JOIN policy_versions p ON p.id = b.policy_version_id
                 WHERE bm.state = 'cancelled' AND coalesce(bm.decided_at, b.executed_at) IS NOT NULL)
           GROUP BY 1, 2, 3, 4, 5`,
        )
        .run();
      sqlite.prepare('DELETE FROM metrics_campaign_outcomes').run();
      sqlite
        .prepare(
          `INSERT INTO metrics_campaign_outcomes
             (campaign_id, variant_id, country, plan, assigned, sent, won_back, won_back_sent, cancelled, rejoined)
           SELECT cm.campaign_id, coalesce(cm.variant_id, 0), coalesce(m.country, '??'), coalesce(m.plan, '??'),
                  count(*), sum(cm.status = 'sent'),
                  sum(cm.outcome IN ('confirmed', 'reactivated')),
                  sum(cm.status = 'sent' AND cm.outcome IN ('confirmed', 'reactivated')),
                  sum(c.bm_member IS NOT NULL), sum(c.rejoin_at IS NOT NULL)
           FROM campaign_members cm
           LEFT JOIN members m ON m.id = cm.member_id
           LEFT JOIN (SELECT bm.campaign_member_id AS cm_id, bm.member_id AS bm_member, (${REJOIN_OF_BM}) AS rejoin_at
                      FROM batch_members bm JOIN batches b ON b.id = bm.batch_id
                      LEFT JOIN policy_versions p ON p.id = b.policy_version_id
                      WHERE bm.state = 'cancelled') c ON c.cm_id = cm.id
           WHERE cm.status <> 'excluded'
           GROUP BY 1, 2, 3, 4`,
        )
        .run();
      writeMark(sqlite, 'outcomes', at, signature, Math.round(performance.now() - t0));
    })
    .immediate();
}

/** Rebuilds everything now: call after a scan, a batch execution or the seed (idempotent). */
export function refreshOverviewAggregates(sqlite: Database.Database, at: number) {
  refreshMemberHistogram(sqlite, at);
  refreshOutcomes(sqlite, at);
}

/**
 * Refreshes whichever part is stale: never built, built on an earlier UTC day, its sources
 * changed (a finished scan or batch, a rejoin, a keep confirmation…), or older than its maximum
 * age. Checked at most every few seconds per process, so a page view normally costs no query here.
 */
let lastCheck = { at: -Infinity, file: '' };
export function ensureFresh(sqlite: Database.Database, at: number, opts: { force?: boolean } = {}) {
  if (!opts.force && lastCheck.file === sqlite.name && at - lastCheck.at < 5_000 && at >= lastCheck.at) return;
  lastCheck = { at, file: sqlite.name };
  const sig = signatures(sqlite);
  const today = dayOf(at);
  const m = mark(sqlite, 'members');
  if (!m || m.day !== today || m.signature !== sig.members || at - m.at > MEMBERS_MAX_AGE_MS || at < m.at)
    refreshMemberHistogram(sqlite, at);
  const o = mark(sqlite, 'outcomes');
  if (
    !o ||
    o.day !== today ||
    at < o.at ||
    at - o.at > OUTCOMES_MAX_AGE_MS ||
    (o.signature !== sig.outcomes && at - o.at > OUTCOMES_MIN_GAP_MS)
  )
    refreshOutcomes(sqlite, at);
}

export function refreshMarks(sqlite: Database.Database): Partial<Record<Part, RefreshMark>> {
  return { members: mark(sqlite, 'members'), outcomes: mark(sqlite, 'outcomes') };
}

// ---------- reads (small tables only) ----------

export type Scope = { country: string | null; plan: string | null };
const SCOPE = '(@country IS NULL OR country = @country) AND (@plan IS NULL OR plan = @plan)';

export function histogramRows(sqlite: Database.Database, scope: Scope): HistogramRow[] {
  const rows = sqlite
    .prepare(
      `SELECT country, plan, currency, watched, days, in_campaign AS inCampaign, n, price_minor AS priceMinor
       FROM metrics_member_histogram WHERE ${SCOPE}`,
    )
    .all(scope) as (Omit<HistogramRow, 'watched' | 'inCampaign'> & { watched: number; inCampaign: number })[];
  return rows.map((r) => ({ ...r, watched: r.watched === 1, inCampaign: r.inCampaign === 1 }));
}

export function cancellationRows(sqlite: Database.Database, scope: Scope): CancellationRow[] {
  const rows = sqlite
    .prepare(
      `SELECT cancel_day AS cancelDay, rejoin_day AS rejoinDay, country, plan, currency, n, price_minor AS priceMinor
       FROM metrics_cancellations WHERE ${SCOPE}`,
    )
    .all(scope) as (Omit<CancellationRow, 'rejoinDay'> & { rejoinDay: string })[];
  return rows.map((r) => ({ ...r, rejoinDay: r.rejoinDay === '' ? null : r.rejoinDay }));
}

export type CampaignInfo = {
  id: number;
  name: string;
  status: string;
  sendStartedAt: number | null;
  deadlineAt: number | null;
  createdAt: number;
};
export type VariantInfo = { id: number; campaignId: number; key: string; name: string; offer: string };

export function outcomeRows(sqlite: Database.Database, scope: Scope): OutcomeRow[] {
  return sqlite
    .prepare(
      `SELECT campaign_id AS campaignId, variant_id AS variantId, sum(assigned) AS assigned, sum(sent) AS sent,
              sum(won_back) AS wonBack, sum(won_back_sent) AS wonBackSent, sum(cancelled) AS cancelled, sum(rejoined) AS rejoined
       FROM metrics_campaign_outcomes WHERE ${SCOPE} GROUP BY campaign_id, variant_id`,
    )
    .all(scope) as OutcomeRow[];
}

export function campaignInfo(sqlite: Database.Database): { campaigns: CampaignInfo[]; variants: VariantInfo[] } {
  const campaigns = sqlite
    .prepare(
      `SELECT id, name, status, send_started_at AS sendStartedAt, deadline_at AS deadlineAt, created_at AS createdAt
       FROM campaigns WHERE status NOT IN ('draft', 'cancelled') ORDER BY coalesce(send_started_at, created_at), id`,
    )
    .all() as CampaignInfo[];
  const variants = sqlite
    .prepare('SELECT id, campaign_id AS campaignId, key, name, offer FROM campaign_variants ORDER BY campaign_id, key')
    .all() as VariantInfo[];
  return { campaigns, variants };
}

export type DailyPoint = { day: string; key: string; n: number };

/** Dormant members per day from dormancy_daily (a range on its primary key), broken down by `by`. */
export function dormancyDailyRows(
  sqlite: Database.Database,
  scope: Scope & { fromDay: string; toDay: string; by: 'reason' | 'country' | 'plan' },
): DailyPoint[] {
  const key = { reason: 'reason', country: 'country', plan: 'plan' }[scope.by];
  return sqlite
    .prepare(
      `SELECT day, ${key} AS key, sum(count) AS n FROM dormancy_daily
       WHERE day >= @fromDay AND day <= @toDay AND ${SCOPE} GROUP BY day, ${key} ORDER BY day`,
    )
    .all({ country: scope.country, plan: scope.plan, fromDay: scope.fromDay, toDay: scope.toDay }) as DailyPoint[];
}

/** Countries and plans for the filter menus (from the snapshot, so no scan of members). */
export function filterOptions(sqlite: Database.Database): { countries: string[]; plans: string[] } {
  const col = (c: 'country' | 'plan') =>
    (
      sqlite
        .prepare(
          `SELECT ${c} AS v FROM metrics_member_histogram UNION SELECT ${c} FROM dormancy_daily WHERE day = (SELECT max(day) FROM dormancy_daily) ORDER BY 1`,
        )
        .all() as { v: string }[]
    ).map((r) => r.v);
  return { countries: col('country'), plans: col('plan') };
}

export type PolicyThresholds = { id: number; neverWatchedDays: number; inactiveDays: number; retentionDays: number };

export function currentPolicyThresholds(sqlite: Database.Database): PolicyThresholds {
  const row = sqlite
    .prepare(
      `SELECT id, never_watched_days AS neverWatchedDays, inactive_days AS inactiveDays, retention_days AS retentionDays
       FROM policy_versions ORDER BY id DESC LIMIT 1`,
    )
    .get() as PolicyThresholds | undefined;
  return row ?? { id: 0, neverWatchedDays: 365, inactiveDays: 730, retentionDays: 300 };
}

// ---------- the overview, cached briefly per process ----------

const CACHE_TTL_MS = 30_000;
const cache = new Map<string, { at: number; value: unknown }>();

/** Memoises `build` for CACHE_TTL_MS per key; the key carries the refresh marks, so a rebuild invalidates it. */
function cached<T>(key: string, at: number, build: () => T): T {
  const hit = cache.get(key);
  if (hit && at - hit.at < CACHE_TTL_MS && at >= hit.at) return hit.value as T;
  const value = build();
  if (cache.size > 200) cache.clear();
  cache.set(key, { at, value });
  return value;
}

function marksKey(sqlite: Database.Database): string {
  const m = refreshMarks(sqlite);
  return `${sqlite.name}|${m.members?.at}|${m.outcomes?.at}`;
}

/** Everything the overview page and its CSV downloads show, for the given filters. */
export function loadOverview(sqlite: Database.Database, filters: OverviewFilters, at: number): OverviewModel & { asOf: AsOf } {
  ensureFresh(sqlite, at);
  const key = `overview|${marksKey(sqlite)}|${JSON.stringify(filters)}|${dayOf(at)}`;
  return cached(key, at, () => {
    const scope = { country: filters.country, plan: filters.plan };
    const { campaigns, variants } = campaignInfo(sqlite);
    const policy = currentPolicyThresholds(sqlite);
    const model = buildOverview({
      filters,
      today: dayOf(at),
      nowMs: at,
      histogram: histogramRows(sqlite, scope),
      cancellations: cancellationRows(sqlite, scope),
      outcomes: outcomeRows(sqlite, scope),
      campaigns,
      variants,
      daily: dormancyDailyRows(sqlite, {
        ...scope,
        fromDay: `${filters.from}-01`,
        toDay: lastDayOfMonth(filters.to),
        by: filters.by,
      }),
      fx: loadFxTable(sqlite),
      policy,
    });
    return { ...model, asOf: asOf(sqlite) };
  });
}

export type AsOf = { members: number | null; outcomes: number | null };
function asOf(sqlite: Database.Database): AsOf {
  const m = refreshMarks(sqlite);
  return { members: m.members?.at ?? null, outcomes: m.outcomes?.at ?? null };
}

/** The filter menus, from the snapshot (refreshing it first if stale). */
export function loadFilterOptions(sqlite: Database.Database, at: number) {
  ensureFresh(sqlite, at);
  return cached(`options|${marksKey(sqlite)}`, at, () => filterOptions(sqlite));
}

/** The simulator's inputs: the snapshot, observed win-back and rejoin shares, and today's rates. */
export function loadSimulatorBase(sqlite: Database.Database, at: number) {
  ensureFresh(sqlite, at);
  return cached(`simulator|${marksKey(sqlite)}|${dayOf(at)}`, at, () => {
    const scope = { country: null, plan: null };
    const policy = currentPolicyThresholds(sqlite);
    const closed = new Set(
      (sqlite.prepare(`SELECT id FROM campaigns WHERE status = 'closed'`).all() as { id: number }[]).map((r) => r.id),
    );
    const outcomes = outcomeRows(sqlite, scope).filter((o) => closed.has(o.campaignId) && o.variantId !== 0);
    const baseline = groupRate(outcomes);
    const today = dayOf(at);
    const rejoin = expectedRejoinShare(cancellationRows(sqlite, scope), today, policy.retentionDays);
    return {
      policy,
      histogram: histogramRows(sqlite, scope),
      fx: loadFxTable(sqlite),
      today,
      baseline: { num: baseline.wonBack, den: baseline.assigned, campaigns: new Set(outcomes.map((o) => o.campaignId)).size },
      rejoin,
      asOf: asOf(sqlite),
    };
  });
}
