import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '@/lib/domain/dormancy';
import { getSqlite } from '@/lib/testing/db';
import { scoreRisk, scoreRiskAsync } from './score';

// The server scores a big population on a worker thread (lib/runtime/job-thread.ts): the scores it
// writes are those of the same run on the server's thread, and this thread keeps answering meanwhile.

const MEMBERS = 30_000;
const AT = Date.parse('2026-06-01T09:30:00Z');
const s = () => getSqlite();
const scores = () => s().prepare('SELECT * FROM member_risk ORDER BY member_id').all();

beforeAll(() => {
  const joined = AT - 3 * 365 * DAY_MS;
  s().exec(`DELETE FROM viewing_events; DELETE FROM viewing_events_recent; DELETE FROM members; DELETE FROM member_risk;
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${MEMBERS - 1})
    INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, status, status_changed_at)
    SELECT 'R' || i, 'r' || i || '@example.com', 'R', 'GB', 'standard', 999, 'GBP', ${joined}, CASE WHEN i % 10 = 0 THEN 'dormant' ELSE 'active' END, 0 FROM n;
    -- Views spread over the last 300 days, thinning out for higher ids (drifting members).
    WITH RECURSIVE v(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM v WHERE k < 11)
    INSERT OR IGNORE INTO viewing_events (member_id, watched_at, title_id, seconds_watched)
    SELECT m.id, ${AT} - ((m.id * 7 + v.k * 29 + (m.id % 17) * v.k * 3) % 300) * ${DAY_MS} - 3600000, 1, 600
      FROM members m, v WHERE v.k < 2 + (m.id % 11);`);
});

describe('at-risk scoring on the job worker', () => {
  it('writes the scores the same run writes on the server thread, while this thread answers reads', async () => {
    let reads = 0;
    const count = s().prepare('SELECT count(*) FROM members').pluck();
    const timer = setInterval(() => {
      count.get();
      reads++;
    }, 5);
    const progress: number[] = [];
    const onThread = await scoreRiskAsync(s(), {
      day: '2026-06-01',
      at: AT,
      backtest: 'skip',
      thread: true,
      progress: (d) => progress.push(d),
    }).finally(() => clearInterval(timer));
    const fromThread = scores();
    expect(onThread.scored).toBe(MEMBERS - MEMBERS / 10);
    expect(fromThread).toHaveLength(MEMBERS - MEMBERS / 10);
    expect(progress.at(-1)).toBe(MEMBERS);
    expect(reads).toBeGreaterThan(0);

    s().exec('DELETE FROM member_risk; DELETE FROM risk_daily; DELETE FROM risk_runs;');
    const here = scoreRisk(s(), { day: '2026-06-01', at: AT, backtest: 'skip' });
    expect(scores()).toEqual(fromThread);
    expect({ ...here, ms: 0 }).toEqual({ ...onThread, ms: 0 });
  });
});
