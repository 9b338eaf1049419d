import type Database from 'better-sqlite3';
import { SYSTEM_ACTOR } from '@/db/audit';
import { drizzleFor } from '@/db/client';
import { backtestCounts, latestBacktestMeta, saveBacktest } from '@/db/risk';
import { currentPolicyRow } from '@/db/segments';
import { runUnitOfWork } from '@/db/unit-of-work';
import { DAY_MS } from '@/lib/domain/dormancy';
import { BACKTEST_DAYS, type BacktestSummary, summariseBacktest } from '@/lib/domain/risk/backtest';

// Does the score predict? Members are scored as of D − 180 days from the views before then only,
// and counted by whether they became dormant (current policy's rule, views before D) or were
// cancelled by D. The scoring job stores the counts; the Risk page reads them.

export { BACKTEST_DAYS };

export type Backtest = BacktestSummary & { scoredAt: number; outcomeAt: number; policyVersionId: number };

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** How old (in days of its outcome day) the stored backtest may be before the daily scoring re-runs it. */
export const BACKTEST_EVERY_DAYS = 7;

/**
 * Whether the scoring run as of `at` should re-run the backtest: none is stored, it was judged under
 * another policy version, or its outcome day is BACKTEST_EVERY_DAYS or more before `at`'s day.
 */
export function backtestDue(sqlite: Database.Database, at: number): boolean {
  const stored = latestBacktestMeta(drizzleFor(sqlite));
  if (!stored) return true;
  if (stored.policyVersionId !== currentPolicyRow(sqlite).id) return true;
  const age = (Math.floor(at / DAY_MS) * DAY_MS - Date.parse(`${stored.outcomeDay}T00:00:00Z`)) / DAY_MS;
  return age >= BACKTEST_EVERY_DAYS || age < 0;
}

/** Runs the backtest with D = 00:00 UTC of `outcomeAt`'s day and stores its counts; returns the summary. */
export function runBacktest(sqlite: Database.Database, at: number): Backtest {
  const outcomeAt = Math.floor(at / DAY_MS) * DAY_MS;
  const policy = currentPolicyRow(sqlite);
  const scoredAt = outcomeAt - BACKTEST_DAYS * DAY_MS;
  // The long read runs outside the write transaction; only the few hundred rows are written in it.
  const counts = backtestCounts(sqlite, { scoredAt, outcomeAt, policy });
  const summary = summariseBacktest(counts);
  runUnitOfWork(sqlite, SYSTEM_ACTOR, at, ({ tx, audit }) => {
    saveBacktest(tx.db, { outcomeDay: day(outcomeAt), scoredDay: day(scoredAt), policyVersionId: policy.id }, counts);
    audit({
      action: 'risk.backtest',
      entityType: 'job',
      entityId: day(outcomeAt),
      after: { members: summary.total.members, became: summary.total.became, auc: summary.auc },
    });
  });
  return { ...summary, scoredAt, outcomeAt, policyVersionId: policy.id };
}
