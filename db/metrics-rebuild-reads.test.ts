import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { getSqlite } from '@/lib/testing/db';
import { refreshJob, runRefreshJob } from './metrics-refresh';

// The outcomes rebuild reads its sources (batch_members, rejoins, campaign_members: many seconds at
// 20M members) in a read transaction: another connection — the server taking a viewing event —
// commits meanwhile without waiting; the rebuild then shows the sources as they were when it read.

const AT = Date.parse('2026-06-15T12:00:00Z');
const s = () => getSqlite();

function cancelled(memberId: number) {
  s()
    .prepare(
      `INSERT INTO batch_members (batch_id, member_id, campaign_member_id, state, price_minor, currency, country, plan, decided_at)
       VALUES (1, ?, ?, 'cancelled', 999, 'EUR', 'FR', 'basic', ?)`,
    )
    .run(memberId, memberId, AT - 86_400_000);
}

const forgone = () =>
  s().prepare('SELECT coalesce(sum(n), 0) AS n, coalesce(sum(price_minor), 0) AS price FROM metrics_cancellations').get();

describe('outcomes rebuild', () => {
  beforeEach(() => {
    s().exec(`DELETE FROM batch_members; DELETE FROM batches; DELETE FROM policy_versions; DELETE FROM metrics_cancellations;
      INSERT INTO policy_versions (id, never_watched_days, inactive_days, response_days, retention_days, created_by, created_at)
        VALUES (1, 365, 730, 30, 300, 'test', 0);
      INSERT INTO batches (id, campaign_id, policy_version_id, status, proposed_at, executed_at) VALUES (1, 1, 1, 'executed', 0, ${AT - 86_400_000});`);
    cancelled(1);
    cancelled(2);
  });

  it('lets another connection write while it reads its sources, and shows them as it read them', () => {
    const other = new Database(s().name);
    other.pragma('busy_timeout = 0'); // any lock held by the rebuild would fail this write at once
    try {
      runRefreshJob(s(), refreshJob(s(), 'outcomes', AT), () => {
        other
          .prepare(
            `INSERT INTO batch_members (batch_id, member_id, campaign_member_id, state, price_minor, currency, country, plan, decided_at)
             VALUES (1, 3, 3, 'cancelled', 999, 'EUR', 'FR', 'basic', ?)`,
          )
          .run(AT - 86_400_000);
      });
    } finally {
      other.close();
    }
    expect(forgone()).toEqual({ n: 2, price: 1998 });
    runRefreshJob(s(), refreshJob(s(), 'outcomes', AT));
    expect(forgone()).toEqual({ n: 3, price: 2997 });
  });

  it('replaces the previous figures rather than adding to them', () => {
    runRefreshJob(s(), refreshJob(s(), 'outcomes', AT));
    runRefreshJob(s(), refreshJob(s(), 'outcomes', AT));
    expect(forgone()).toEqual({ n: 2, price: 1998 });
  });
});
