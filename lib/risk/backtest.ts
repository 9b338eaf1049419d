import type Database from 'better-sqlite3';
import { backtestCounts } from '@/db/risk';
import { currentPolicyRow } from '@/db/segments';
import { DAY_MS } from '@/lib/domain/dormancy';
import { type BacktestSummary, summariseBacktest } from '@/lib/domain/risk/backtest';

// Does the score predict? Members are scored as of D − 180 days from the views before then only,
// and counted by whether they became dormant (current policy's rule, views before D) or were
// cancelled by D.

export const BACKTEST_DAYS = 180;

export type Backtest = BacktestSummary & { scoredAt: number; outcomeAt: number; policyVersionId: number; ms: number };

export function runBacktest(sqlite: Database.Database, outcomeAt: number): Backtest {
  const t0 = performance.now();
  const policy = currentPolicyRow(sqlite);
  const scoredAt = outcomeAt - BACKTEST_DAYS * DAY_MS;
  const counts = backtestCounts(sqlite, { scoredAt, outcomeAt, policy });
  return {
    ...summariseBacktest(counts),
    scoredAt,
    outcomeAt,
    policyVersionId: policy.id,
    ms: Math.round(performance.now() - t0),
  };
}

// The backtest reads every member's history (seconds at millions of members); the page keeps one
// answer per UTC day of D and policy version in this process.
const cache = new Map<string, Backtest>();
export function backtestForDay(sqlite: Database.Database, now: number): Backtest {
  const outcomeAt = Math.floor(now / DAY_MS) * DAY_MS;
  const key = `${outcomeAt}:${currentPolicyRow(sqlite).id}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = runBacktest(sqlite, outcomeAt);
    cache.clear();
    cache.set(key, hit);
  }
  return hit;
}
