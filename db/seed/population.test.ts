import { describe, expect, it } from 'vitest';
import { utcDay } from '@/lib/runtime/clock';
import { getSqlite } from '@/lib/testing/db';
import { mulberry32 } from './context';
import { accountId, seedPopulation } from './population';

const NOW = Date.parse('2025-06-15T12:00:00Z');

describe('seedPopulation (3,000 members)', () => {
  const sqlite = getSqlite();
  const stats = seedPopulation({ sqlite, now: NOW, members: 3000, rng: mulberry32(2), log: () => {} }, mulberry32(1));
  const one = <T>(sql: string, ...args: unknown[]) => sqlite.prepare(sql).get(...args) as T;

  it('writes the members and events it reports, about 0.5% dormant', () => {
    expect(one<{ n: number }>('SELECT count(*) AS n FROM members').n).toBe(3000);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM viewing_events').n).toBe(stats.events);
    expect(stats.dormant).toBeGreaterThan(3);
    expect(stats.dormant).toBeLessThan(40);
  });

  it('keeps last_viewed_at and last_title_id equal to the latest event', () => {
    const bad = one<{ n: number }>(`SELECT count(*) AS n FROM members m WHERE
      m.last_viewed_at IS NOT (SELECT max(watched_at) FROM viewing_events e WHERE e.member_id = m.id)
      OR m.last_title_id IS NOT (SELECT title_id FROM viewing_events e WHERE e.member_id = m.id ORDER BY watched_at DESC LIMIT 1)`);
    expect(bad.n).toBe(0);
  });

  it('sets status, reason and since by the default policy, thresholds at 00:00 UTC', () => {
    const today = Math.floor(NOW / 86_400_000);
    const rows = sqlite
      .prepare('SELECT joined_at, last_viewed_at, status, dormant_reason, dormant_since, status_changed_at FROM members')
      .all() as {
      joined_at: number;
      last_viewed_at: number | null;
      status: string;
      dormant_reason: string | null;
      dormant_since: number | null;
      status_changed_at: number;
    }[];
    for (const r of rows) {
      const ref = r.last_viewed_at ?? r.joined_at;
      const days = r.last_viewed_at === null ? 365 : 730;
      const sinceDay = Math.floor(ref / 86_400_000) + days;
      const dormant = sinceDay <= today;
      expect(r.status).toBe(dormant ? 'dormant' : 'active');
      if (dormant) {
        expect(r.dormant_reason).toBe(r.last_viewed_at === null ? 'never_watched' : 'inactive');
        expect(r.dormant_since).toBe(sinceDay * 86_400_000);
        expect(r.status_changed_at).toBe(r.dormant_since);
      } else expect([r.dormant_reason, r.dormant_since]).toEqual([null, null]);
    }
  });

  it("today's daily counts equal today's dormant members, by key and money", () => {
    const daily = sqlite
      .prepare(
        'SELECT country, plan, reason, currency, count, monthly_minor AS m FROM dormancy_daily WHERE day = ? ORDER BY 1, 2, 3, 4',
      )
      .all(utcDay(NOW));
    const live = sqlite
      .prepare(`SELECT country, plan, dormant_reason AS reason, currency, count(*) AS count, sum(price_minor) AS m
        FROM members WHERE status = 'dormant' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`)
      .all();
    expect(daily).toEqual(live);
  });

  it('has ten popular titles per country and unique account ids', () => {
    expect(one<{ n: number }>("SELECT count(*) AS n FROM popular_titles WHERE country = 'US'").n).toBe(10);
    expect(one<{ n: number }>('SELECT count(DISTINCT account_id) AS n FROM members').n).toBe(3000);
    expect(accountId(1)).toMatch(/^RK-[0-9A-Z]{7}$/);
  });
});
