import 'server-only';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { type CancellationRow, expectedRejoinShare } from '@/lib/domain/metrics/cancellations';
import { dayIndex, dayOf, lastDayOfMonth } from '@/lib/domain/metrics/days';
import type { OverviewFilters } from '@/lib/domain/metrics/filters';
import type { HistogramRow, Thresholds } from '@/lib/domain/metrics/members';
import { buildOverview, type OverviewModel } from '@/lib/domain/metrics/overview';
import { groupRate, type OutcomeRow } from '@/lib/domain/metrics/winback';
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

type Statement = { sql: string; params?: Record<string, unknown> };

const MARK_SQL = `INSERT INTO metrics_refresh (part, at, day, signature, took_ms) VALUES (@part, @at, @day, @signature, @tookMs)
  ON CONFLICT(part) DO UPDATE SET at = excluded.at, day = excluded.day, signature = excluded.signature, took_ms = excluded.took_ms`;

// A rejoin counts when it restores the member cancelled in that batch within the batch policy's retention window.
const REJOIN_OF_BM = `SELECT min(r.rejoined_at) FROM rejoins r
   WHERE r.member_id = bm.member_id AND r.batch_id = bm.batch_id
     AND r.rejoined_at >= coalesce(bm.decided_at, b.executed_at)
     AND r.rejoined_at <= coalesce(bm.decided_at, b.executed_at) + coalesce(p.retention_days, 300) * 86400000`;

/**
 * The statements that rebuild one part, run in one transaction (here, or in a worker thread).
 * members: one grouped pass over members — the only query that reads every member (seconds at
 * 5M rows); days are whole UTC days from the day of `at`. outcomes: batch_members, rejoins and
 * campaign_members, which are small next to members.
 */
function rebuildStatements(part: Part, at: number): Statement[] {
  if (part === 'members')
    return [
      { sql: 'DELETE FROM metrics_member_histogram' },
      {
        sql: `INSERT INTO metrics_member_histogram (country, plan, currency, watched, days, in_campaign, n, price_minor)
              SELECT country, plan, currency, last_viewed_at IS NOT NULL,
                     max(0, min(@cap, @today - coalesce(last_viewed_at, joined_at) / 86400000)),
                     status IN ('notified', 'proposed'), count(*), sum(price_minor)
              FROM members WHERE status <> 'cancelled'
              GROUP BY 1, 2, 3, 4, 5, 6`,
        params: { cap: HISTOGRAM_MAX_DAYS, today: dayIndex(at) },
      },
    ];
  return [
    { sql: 'DELETE FROM metrics_cancellations' },
    {
      sql: `INSERT INTO metrics_cancellations (cancel_day, rejoin_day, country, plan, currency, n, price_minor)
            SELECT date(cancel_at / 1000, 'unixepoch'), coalesce(date(rejoin_at / 1000, 'unixepoch'), ''),
                   country, plan, currency, count(*), sum(price_minor)
            FROM (SELECT coalesce(bm.decided_at, b.executed_at) AS cancel_at, (${REJOIN_OF_BM}) AS rejoin_at,
                         bm.country, bm.plan, bm.currency, bm.price_minor
                  FROM batch_members bm JOIN batches b ON b.id = bm.batch_id
                  LEFT JOIN policy_versions p ON p.id = b.policy_version_id
                  WHERE bm.state = 'cancelled' AND coalesce(bm.decided_at, b.executed_at) IS NOT NULL)
            GROUP BY 1, 2, 3, 4, 5`,
    },
    { sql: 'DELETE FROM metrics_campaign_outcomes' },
    {
      sql: `INSERT INTO metrics_campaign_outcomes
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
    },
  ];
}

type Job = { statements: Statement[]; mark: Record<string, unknown> };
function job(sqlite: Database.Database, part: Part, at: number): Job {
  return { statements: rebuildStatements(part, at), mark: { part, at, day: dayOf(at), signature: signatures(sqlite)[part] } };
}

function runJob(sqlite: Database.Database, j: Job) {
  const t0 = performance.now();
  sqlite
    .transaction(() => {
      for (const st of j.statements) sqlite.prepare(st.sql).run(st.params ?? {});
      sqlite.prepare(MARK_SQL).run({ ...j.mark, tookMs: Math.round(performance.now() - t0) });
    })
    .immediate();
}

export function refreshMemberHistogram(sqlite: Database.Database, at: number) {
  runJob(sqlite, job(sqlite, 'members', at));
}

export function refreshOutcomes(sqlite: Database.Database, at: number) {
  runJob(sqlite, job(sqlite, 'outcomes', at));
}

// The same jobs in a worker thread with its own connection: WAL lets the page keep reading the
// previous snapshot meanwhile, so a rebuild at 5M members never stalls a request. Plain CommonJS
// evaluated in the worker, so the bundler has nothing to resolve.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 10000');
try {
  for (const j of workerData.jobs) {
    const t0 = performance.now();
    db.transaction(() => {
      for (const st of j.statements) db.prepare(st.sql).run(st.params || {});
      db.prepare(workerData.markSql).run({ ...j.mark, tookMs: Math.round(performance.now() - t0) });
    }).immediate();
  }
} finally {
  db.close();
}`;

const bg = globalThis as unknown as {
  __rekindleMetricsRefresh?: Promise<void> | null;
  __rekindleMetricsRefreshStartedAt?: number | null;
  __rekindleMetricsRefreshT0?: number;
};

/** Starts a background rebuild of `parts` unless one is already running. Returns its promise. */
export function refreshInBackground(sqlite: Database.Database, parts: Part[], at: number): Promise<void> {
  if (bg.__rekindleMetricsRefresh) return bg.__rekindleMetricsRefresh;
  // The small outcomes part first, so its charts are ready long before the pass over members ends.
  const jobs = [...parts].sort((a, b) => (a === 'outcomes' ? -1 : b === 'outcomes' ? 1 : 0)).map((p) => job(sqlite, p, at));
  const run = new Promise<void>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: sqlite.name, jobs, markSql: MARK_SQL } });
    } catch (err) {
      console.error('[metrics] could not start the refresh worker; refreshing inline:', (err as Error).message);
      for (const j of jobs) runJob(sqlite, j);
      resolve();
      return;
    }
    worker.once('error', (err) => console.error('[metrics] background refresh failed:', err.message));
    worker.once('exit', () => resolve());
  }).finally(() => {
    bg.__rekindleMetricsRefresh = null;
    bg.__rekindleMetricsRefreshStartedAt = null;
  });
  bg.__rekindleMetricsRefresh = run;
  bg.__rekindleMetricsRefreshStartedAt = at;
  bg.__rekindleMetricsRefreshT0 = performance.now();
  return run;
}

export type Preparing = { parts: Part[]; startedAt: number | null };

/**
 * Which parts have never been built (a page shows them as "being prepared"), and when the
 * background rebuild started. `parts` is empty once both exist, however old.
 */
export function preparing(sqlite: Database.Database): Preparing {
  const m = refreshMarks(sqlite);
  const parts = (['members', 'outcomes'] as const).filter((p) => !m[p]);
  return { parts, startedAt: parts.length ? (bg.__rekindleMetricsRefreshStartedAt ?? null) : null };
}

/**
 * Resolves when the running background rebuild ends, or `ms` after it started, whichever is first
 * (never rejects). Measured from the start, so only the first requests wait, never each one.
 */
export async function awaitRefresh(ms: number): Promise<void> {
  const running = bg.__rekindleMetricsRefresh;
  const left = (bg.__rekindleMetricsRefreshT0 ?? 0) + ms - performance.now();
  if (!running || left <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([running, new Promise<void>((r) => (timer = setTimeout(r, left)))]);
  clearTimeout(timer);
}

/** Rebuilds everything now: call after a scan, a batch execution or the seed (idempotent). */
export function refreshOverviewAggregates(sqlite: Database.Database, at: number) {
  refreshMemberHistogram(sqlite, at);
  refreshOutcomes(sqlite, at);
}

/**
 * Rebuilds whichever part is stale: never built, built on an earlier UTC day, its sources changed
 * (a finished scan or batch execution, a rejoin, a keep confirmation…), or older than its maximum
 * age. A request never rebuilds inline, not even the first time (at 5M members the pass takes
 * 15–60 s): a worker thread rebuilds while the page serves the previous snapshot, or — for a part
 * never built — says it is being prepared (see `preparing`). `wait: true` rebuilds inline: tests, scripts.
 * Checked at most every few seconds per process, so a page view normally costs no query here.
 */
let lastCheck = { at: Number.NEGATIVE_INFINITY, file: '' };
export function ensureFresh(sqlite: Database.Database, at: number, opts: { force?: boolean; wait?: boolean } = {}) {
  if (!opts.force && lastCheck.file === sqlite.name && at - lastCheck.at < 5_000 && at >= lastCheck.at) return;
  lastCheck = { at, file: sqlite.name };
  const sig = signatures(sqlite);
  const today = dayOf(at);
  const m = mark(sqlite, 'members');
  const o = mark(sqlite, 'outcomes');
  const stale: Part[] = [];
  if (!m || m.day !== today || m.signature !== sig.members || at - m.at > MEMBERS_MAX_AGE_MS || at < m.at) stale.push('members');
  if (
    !o ||
    o.day !== today ||
    at < o.at ||
    at - o.at > OUTCOMES_MAX_AGE_MS ||
    (o.signature !== sig.outcomes && at - o.at > OUTCOMES_MIN_GAP_MS)
  )
    stale.push('outcomes');
  if (stale.length === 0) return;
  if (opts.wait || sqlite.name === ':memory:') {
    for (const p of stale) runJob(sqlite, job(sqlite, p, at));
  } else void refreshInBackground(sqlite, stale, at);
}

export function refreshMarks(sqlite: Database.Database): Partial<Record<Part, RefreshMark>> {
  return { members: mark(sqlite, 'members'), outcomes: mark(sqlite, 'outcomes') };
}

// ---------- reads (small tables only) ----------

export type Scope = { country: string | null; plan: string | null };
const SCOPE = '(@country IS NULL OR country = @country) AND (@plan IS NULL OR plan = @plan)';

/**
 * The snapshot collapsed for one pair of thresholds: each bucket's days become HISTOGRAM_MAX_DAYS
 * when dormant under them and −1 when not, so summariseMembers (lib/domain/metrics/members.ts) with the
 * same thresholds gives exactly the answer it would on the full histogram, from a few hundred
 * rows instead of up to a few hundred thousand (one aggregate inside SQLite).
 */
export function histogramRows(sqlite: Database.Database, scope: Scope, t?: Thresholds): HistogramRow[] {
  const days = t
    ? `CASE WHEN (watched = 1 AND days >= @inactive) OR (watched = 0 AND days >= @never) THEN ${HISTOGRAM_MAX_DAYS} ELSE -1 END`
    : 'days';
  const rows = sqlite
    .prepare(
      `SELECT country, plan, currency, watched, ${days} AS days, in_campaign AS inCampaign, sum(n) AS n, sum(price_minor) AS priceMinor
       FROM metrics_member_histogram WHERE ${SCOPE} GROUP BY country, plan, currency, watched, 5, in_campaign`,
    )
    .all({ ...scope, inactive: t?.inactiveDays ?? 0, never: t?.neverWatchedDays ?? 0 }) as (Omit<
    HistogramRow,
    'watched' | 'inCampaign'
  > & { watched: number; inCampaign: number })[];
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
export function loadOverview(
  sqlite: Database.Database,
  filters: OverviewFilters,
  at: number,
): OverviewModel & { asOf: AsOf; preparing: Preparing } {
  ensureFresh(sqlite, at);
  const prep = preparing(sqlite);
  const key = `overview|${marksKey(sqlite)}|${JSON.stringify(filters)}|${dayOf(at)}`;
  const model = cached(key, at, () => {
    const scope = { country: filters.country, plan: filters.plan };
    const { campaigns, variants } = campaignInfo(sqlite);
    const policy = currentPolicyThresholds(sqlite);
    const model = buildOverview({
      filters,
      today: dayOf(at),
      nowMs: at,
      histogram: histogramRows(sqlite, scope, policy),
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
  return { ...model, preparing: prep };
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
      fx: loadFxTable(sqlite),
      today,
      baseline: { num: baseline.wonBack, den: baseline.assigned, campaigns: new Set(outcomes.map((o) => o.campaignId)).size },
      rejoin,
      asOf: asOf(sqlite),
    };
  });
}

/** The snapshot collapsed for a scenario's thresholds (cached like the rest). */
export function simulatorRows(sqlite: Database.Database, t: Thresholds, at: number): HistogramRow[] {
  return cached(`simrows|${marksKey(sqlite)}|${t.neverWatchedDays}|${t.inactiveDays}`, at, () =>
    histogramRows(sqlite, { country: null, plan: null }, t),
  );
}
