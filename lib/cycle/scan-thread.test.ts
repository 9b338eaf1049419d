import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '@/lib/domain/time';
import { THREAD_FROM } from '@/lib/risk/score';
import { getSqlite } from '@/lib/testing/db';
import { jobNamed } from './registry';

// The cycle's dormancy scan of a big population runs on a worker thread: members end up classified
// as the policy says, the progress reaches the cycle, and this thread answers reads meanwhile.

const AT = Date.parse('2026-06-01T03:00:00Z');
const N = THREAD_FROM + 5_000;
const s = () => getSqlite();

beforeAll(() => {
  // Joined three years ago; even ids watched last month, odd ids never (dormant under 365 days).
  s().exec(`DELETE FROM members; DELETE FROM policy_versions;
    INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'test', 0);
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${N - 1})
    INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at)
    SELECT 'S' || i, 's' || i || '@example.com', 'S', 'GB', 'standard', 999, 'GBP', ${AT - 3 * 365 * DAY_MS},
      CASE WHEN i % 2 = 0 THEN ${AT - 30 * DAY_MS} END, 'active', 0 FROM n;`);
});

describe('the cycle’s dormancy scan of a big population', () => {
  it('classifies every member on the worker thread while this thread answers reads', async () => {
    const scan = jobNamed('dormancy-scan');
    let reads = 0;
    const timer = setInterval(() => {
      s().prepare('SELECT count(*) FROM members').get();
      reads++;
    }, 5);
    const progress: number[] = [];
    const r = await scan
      ?.run({ sqlite: s(), day: '2026-06-01', at: AT, progress: (d) => progress.push(d) })
      .finally(() => clearInterval(timer));
    const n = (status: string) => s().prepare('SELECT count(*) FROM members WHERE status = ?').pluck().get(status);
    expect(n('dormant')).toBe(N / 2);
    expect(n('active')).toBe(N / 2);
    expect(r).toMatchObject({ scanned: N, dormant: N / 2, newlyDormant: N / 2 });
    expect(progress.at(-1)).toBe(N);
    expect(reads).toBeGreaterThan(0);
  });
});
