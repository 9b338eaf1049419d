import { beforeEach, describe, expect, it } from 'vitest';
import { recentViewCount } from '@/db/recent-views';
import { ROLL_UP_SQL } from '@/db/recent-views.sql';
import { getSqlite } from '@/lib/testing/db';
import { countRows, recordInUnit, viewingPopulation } from '@/lib/testing/views';
import { noteRecentViews, rollUpRecentViews } from './roll-up';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const _DAY = 86_400_000;
const s = () => getSqlite();
const record = recordInUnit;
const count = countRows;
const population = (members: number, per: number) => viewingPopulation(members, per, NOW);

beforeEach(() => {
  s().exec(`DELETE FROM viewing_events; DELETE FROM viewing_events_recent; DELETE FROM members; DELETE FROM titles; DELETE FROM policy_versions;
    INSERT INTO titles (id, name) VALUES (1, 'Night Train');
    INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'test', 0);`);
  rollUpRecentViews(s()); // resets this connection's running count
});

describe('noteRecentViews', () => {
  it('rolls up in the background once the recent table reaches the threshold, one job at a time', async () => {
    const { views } = population(30, 5);
    await noteRecentViews(s(), record(views.slice(0, 100), { now: NOW }).inserted, 120); // 100 < 120: nothing moves
    expect(count('viewing_events_recent')).toBe(100);
    const first = noteRecentViews(s(), record(views.slice(100), { now: NOW }).inserted, 120);
    expect(noteRecentViews(s(), 0, 120)).toBe(first); // a second call joins the running job
    expect(count('viewing_events_recent')).toBe(150); // nothing moved before the event loop was free
    await first;
    expect([count('viewing_events'), recentViewCount(s())]).toEqual([150, 0]);
    expect(s().prepare(ROLL_UP_SQL.upTo).pluck().get({ after: 0, n: 1 })).toBeNull();
  });
});
