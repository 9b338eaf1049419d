import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getSqlite } from '@/lib/testing/db';
import { histogramRows } from './metrics';
import { applyMemberDeltas, refreshJob, runRefreshJob } from './metrics-refresh';

// Every overview read first folds the member deltas in. While another connection holds the write
// lock (a scan or a batch execution on the job worker, an import), a read with nothing to fold must
// not wait for that lock: it would sleep the server's thread in SQLite's busy handler.

const AT = Date.parse('2026-06-15T12:00:00Z');
const s = () => getSqlite();
const members = () => histogramRows(s(), { country: null, plan: null }).reduce((n, r) => n + r.n, 0);

function join(account: string) {
  s()
    .prepare(
      `INSERT INTO members (account_id, country, plan, price_minor, currency, joined_at, status, status_changed_at)
       VALUES (?, 'FR', 'basic', 999, 'EUR', ?, 'active', ?)`,
    )
    .run(account, AT, AT);
}

describe('folding member deltas at a read', () => {
  it('takes no write lock when nothing is pending, and folds what is once the lock is free', () => {
    runRefreshJob(s(), refreshJob(s(), 'members', AT));
    const before = members();
    const writer = new Database(s().name);
    s().pragma('busy_timeout = 0'); // waiting for the lock would fail at once instead
    try {
      writer.exec('BEGIN IMMEDIATE');
      expect(applyMemberDeltas(s(), AT + 1_000)).toBe(false);
      writer.exec('COMMIT');
      join('fold-1');
      expect(applyMemberDeltas(s(), AT + 2_000)).toBe(true);
      expect(members()).toBe(before + 1);
      expect(applyMemberDeltas(s(), AT + 3_000)).toBe(false);
    } finally {
      writer.close();
      s().pragma('busy_timeout = 5000');
    }
  });
});
