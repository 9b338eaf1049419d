import 'server-only';
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { DAY_MS } from '@/lib/domain/dormancy';
import type { ScoreCounts } from '@/lib/domain/risk/auc';
import type { RiskBand, RiskFeatures } from '@/lib/domain/risk/model';
import type { Db } from './client';
import { preparedQuery } from './prepared';
import { riskStatements } from './risk-scoring.sql';
import { memberRisk, members, riskBacktest, riskDaily, riskRuns } from './schema';

// The at-risk score's data: the scoring job's statements (db/risk.sql.ts), a member's stored score,
// the daily counts per band and the backtest's counts per score.

export { backtestCounts, memberIdBounds } from './risk.sql';
export { rawScoreSql, scoringModeFor } from './risk-scoring.sql';
export type RiskStatements = ReturnType<typeof riskStatements>;
export const riskScoringStatements = riskStatements;

export type StoredRisk = RiskFeatures & { score: number; band: RiskBand; scoredAt: number };

/**
 * A member's latest score with the features it came from; undefined when not scored (not active, or
 * not yet). Stored rows hold as of the latest run (risk_runs): the days since the last view and the
 * tenure are counted from its instant, as the scoring SQL counts them.
 */
export function memberRiskOf(db: Db, memberId: number): StoredRisk | undefined {
  return preparedQuery(db, memberRiskQuery).get({ memberId });
}

// Read on every view of an active member's page, so prepared once per connection.
function memberRiskQuery(db: Db) {
  const at = sql<number>`(SELECT max(${riskRuns.scoredAt}) FROM ${riskRuns})`;
  return db
    .select({
      score: memberRisk.score,
      band: memberRisk.band,
      scoredAt: at,
      daysSinceLastView: sql<number>`CAST((${at} - coalesce(${memberRisk.lastViewedAt}, ${members.joinedAt})) / ${DAY_MS} AS INTEGER)`,
      usualGapDays: memberRisk.usualGapDays,
      views90: memberRisk.views90,
      previous90: memberRisk.previous90,
      tenureDays: sql<number>`CAST((${at} - ${members.joinedAt}) / ${DAY_MS} AS INTEGER)`,
    })
    .from(memberRisk)
    .innerJoin(members, eq(members.id, memberRisk.memberId))
    .where(and(eq(memberRisk.memberId, sql.placeholder('memberId')), sql`${at} IS NOT NULL`))
    .prepare();
}

/** High plus medium members per scored day in [fromDay, toDay], optionally for one country and plan. */
export function riskDailySeries(
  db: Db,
  f: { fromDay: string; toDay: string; country?: string | null; plan?: string | null },
): { day: string; n: number }[] {
  return db
    .select({ day: riskDaily.day, n: sql<number>`sum(${riskDaily.count})` })
    .from(riskDaily)
    .where(
      and(
        gte(riskDaily.day, f.fromDay),
        lte(riskDaily.day, f.toDay),
        f.country ? eq(riskDaily.country, f.country) : undefined,
        f.plan ? eq(riskDaily.plan, f.plan) : undefined,
      ),
    )
    .groupBy(riskDaily.day)
    .orderBy(riskDaily.day)
    .all();
}

/** The latest day scored and its high and medium members (from the daily counts: no scan of member_risk). */
export function latestRiskDay(db: Db): { day: string | null; high: number; medium: number } {
  const latest = db.select({ day: riskDaily.day }).from(riskDaily).orderBy(desc(riskDaily.day)).limit(1).get();
  if (!latest) return { day: null, high: 0, medium: 0 };
  const rows = db
    .select({ band: riskDaily.band, n: sql<number>`sum(${riskDaily.count})` })
    .from(riskDaily)
    .where(eq(riskDaily.day, latest.day))
    .groupBy(riskDaily.band)
    .all();
  const n = (band: string) => rows.find((r) => r.band === band)?.n ?? 0;
  return { day: latest.day, high: n('high'), medium: n('medium') };
}

export type BacktestMeta = { outcomeDay: string; scoredDay: string; policyVersionId: number };

/** Replaces the stored backtest with this one (one row per score). */
export function saveBacktest(db: Db, meta: BacktestMeta, rows: readonly ScoreCounts[]) {
  db.delete(riskBacktest).run();
  if (rows.length)
    db.insert(riskBacktest)
      .values(rows.map((r) => ({ ...meta, ...r })))
      .run();
}

/** The stored backtest's days and policy version, without its rows; null before the first run. */
export function latestBacktestMeta(db: Db): BacktestMeta | null {
  return (
    db
      .select({
        outcomeDay: riskBacktest.outcomeDay,
        scoredDay: riskBacktest.scoredDay,
        policyVersionId: riskBacktest.policyVersionId,
      })
      .from(riskBacktest)
      .limit(1)
      .get() ?? null
  );
}

/** The stored backtest: its days and counts per score; null before the first scoring run. */
export function latestBacktest(db: Db): (BacktestMeta & { rows: ScoreCounts[] }) | null {
  const rows = db.select().from(riskBacktest).orderBy(riskBacktest.score).all();
  const first = rows[0];
  if (!first) return null;
  return {
    outcomeDay: first.outcomeDay,
    scoredDay: first.scoredDay,
    policyVersionId: first.policyVersionId,
    rows: rows.map((r) => ({ score: r.score, positives: r.positives, negatives: r.negatives })),
  };
}
