import { beforeEach, describe, expect, it } from 'vitest';
import { recentViewCount } from '@/db/recent-views';
import { ROLL_UP_SQL } from '@/db/recent-views.sql';
import { getSqlite } from '@/lib/testing/db';
import { countRows, recordInUnit, resetRecentViewTables, viewingPopulation } from '@/lib/testing/views';
import { noteRecentViews, rollUpRecentViews } from './roll-up';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const s = () => getSqlite();
const record = recordInUnit;
const count = countRows;
const population = (members: number, per: number) => viewingPopulation(members, per, NOW);

beforeEach(() => {
  resetRecentViewTables();
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
