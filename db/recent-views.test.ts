import { beforeEach, describe, expect, it } from 'vitest';
import { rollUpRecentViews } from '@/lib/ingest/roll-up';
import { getSqlite } from '@/lib/testing/db';
import { countRows, everyView, recordInUnit, resetRecentViewTables, viewingPopulation } from '@/lib/testing/views';
import { memberTimeline } from './members';
import { rollUpChunk } from './recent-views';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const s = () => getSqlite();
const record = recordInUnit;
const count = countRows;
const population = (members: number, per: number) => viewingPopulation(members, per, NOW);

beforeEach(() => {
  resetRecentViewTables();
  rollUpRecentViews(s()); // resets this connection's running count
});

describe('recent views and their roll-up', () => {
  it('stores new views in the recent table and moves every one, once, in whole members', () => {
    const { ids, views } = population(40, 7);
    expect(record(views, { now: NOW }).inserted).toBe(280);
    expect([count('viewing_events'), count('viewing_events_recent')]).toEqual([0, 280]);
    const before = everyView();
    const timeline = memberTimeline(s(), ids[3] as number, {}, 50).rows;

    // Chunks of ~10 views end on a member boundary: no member is split across two transactions.
    let after: number | null = 0;
    let chunks = 0;
    while (after != null) {
      const from: number = after;
      after = rollUpChunk(s(), from, 10);
      if (after != null) {
        chunks++;
        expect(s().prepare('SELECT count(*) FROM viewing_events_recent WHERE member_id <= ?').pluck().get(after)).toBe(0);
      }
    }
    expect(chunks).toBe(20); // 10 views = one member of 7 and the next one whole: 2 members per chunk
    expect([count('viewing_events'), count('viewing_events_recent')]).toEqual([280, 0]);
    expect(everyView()).toEqual(before);
    expect(memberTimeline(s(), ids[3] as number, {}, 50).rows).toEqual(timeline);
  });

  it('counts a view already rolled up, or still recent, as a duplicate', () => {
    const { views } = population(5, 4);
    record(views.slice(0, 10), { now: NOW });
    rollUpRecentViews(s());
    record(views.slice(10), { now: NOW });
    // Half the views are in each table; sending them all again stores nothing.
    expect(record(views, { now: NOW })).toMatchObject({ inserted: 0, duplicates: 20 });
    expect(count('viewing_events') + count('viewing_events_recent')).toBe(20);
    expect(rollUpRecentViews(s())).toBe(10);
    expect(count('viewing_events')).toBe(20);
  });

  it('leaves the tables as they were when a chunk fails', () => {
    const { views } = population(3, 3);
    record(views, { now: NOW });
    const before = everyView();
    s().exec(`CREATE TRIGGER fail_move BEFORE INSERT ON viewing_events BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    try {
      expect(() => rollUpChunk(s(), 0)).toThrow('disk full');
    } finally {
      s().exec('DROP TRIGGER fail_move');
    }
    expect(everyView()).toEqual(before);
    expect(count('viewing_events_recent')).toBe(9);
  });
});
