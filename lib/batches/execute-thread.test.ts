import { beforeAll, describe, expect, it } from 'vitest';
import { prepareApprovedBatch } from '@/bench/lib/fixtures';
import { Refusal } from '@/lib/domain/refusal';
import { getSqlite, withDemoStaff } from '@/lib/testing/db';
import { EXECUTE_ON_THREAD_FROM, executeBatchInBackground } from './execute';

// A big batch is executed on a worker thread (its one transaction holds the write lock for
// seconds at 900,000 members): this thread keeps answering reads meanwhile, and the outcome and
// refusals are those of the same execution here.

const AT = Date.parse('2026-06-01T10:00:00Z');
const N = EXECUTE_ON_THREAD_FROM + 2_000;
const s = () => getSqlite();
const actor = { id: null, label: 'approver@rekindle.local' };

beforeAll(async () => {
  await withDemoStaff();
  s().exec(`DELETE FROM members;
    INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'test', 0);
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${N - 1})
    INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, status, status_changed_at)
    SELECT 'B' || i, 'b' || i || '@example.com', 'B', 'GB', 'standard', 999, 'GBP', ${AT - 1000 * 86_400_000}, 'dormant', 0 FROM n;`);
});

describe('a big batch’s execution', () => {
  it('runs on the worker thread while this thread answers reads, once', async () => {
    const { batchId, members } = prepareApprovedBatch(s(), N, AT);
    const cancelled = s().prepare(`SELECT count(*) FROM members WHERE status = 'cancelled'`).pluck();
    const seen: number[] = [];
    const timer = setInterval(() => seen.push(cancelled.get() as number), 2);
    const r = await executeBatchInBackground(s(), batchId, actor, AT).finally(() => clearInterval(timer));
    expect(r).toMatchObject({ cancelled: members, skipped: 0 });
    expect(cancelled.get()).toBe(members);
    // Reads were answered while it ran, and none saw a half-cancelled batch.
    expect(seen.some((n) => n === 0)).toBe(true);
    expect(seen.every((n) => n === 0 || n === members)).toBe(true);
    expect(s().prepare(`SELECT status FROM batches WHERE id = ?`).pluck().get(batchId)).toBe('executed');

    // A second execution is refused with the reason, as on the server's thread.
    await expect(executeBatchInBackground(s(), batchId, actor, AT)).rejects.toBeInstanceOf(Refusal);
  });
});
