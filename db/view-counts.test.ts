import { beforeEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '@/db/seed/context';
import { rollUpRecentViews } from '@/lib/ingest/roll-up';
import { getSqlite } from '@/lib/testing/db';
import { recordInUnit, resetRecentViewTables, viewingPopulation } from '@/lib/testing/views';
import { namedParams } from './named-params';
import { rollUpChunk } from './recent-views';
import { eraseOne } from './retention.sql';
import { countsFeaturesSql, countsParams, featuresSql } from './risk.sql';

// The running view counts (member_view_counts, member_view_days; decision 033) must always equal a
// count over both event tables, whichever path wrote or removed the views, and the scoring features
// read from them must equal the ones read from the views at any instant.

const DAY = 86_400_000;
const NOW = Date.parse('2025-06-15T12:00:00Z');
const s = () => getSqlite();

const recomputed = () => ({
  counts: s()
    .prepare(
      `SELECT member_id, min(watched_at) AS first, max(watched_at) AS last, count(*) AS views FROM (
         SELECT member_id, watched_at FROM viewing_events UNION ALL SELECT member_id, watched_at FROM viewing_events_recent)
       GROUP BY member_id ORDER BY member_id`,
    )
    .raw()
    .all(),
  days: s()
    .prepare(
      `SELECT member_id, watched_at / ${DAY} AS day, count(*) FROM (
         SELECT member_id, watched_at FROM viewing_events UNION ALL SELECT member_id, watched_at FROM viewing_events_recent)
       GROUP BY member_id, day ORDER BY member_id, day`,
    )
    .raw()
    .all(),
});
const maintained = () => ({
  counts: s()
    .prepare('SELECT member_id, first_viewed_at, last_viewed_at, views FROM member_view_counts ORDER BY member_id')
    .raw()
    .all(),
  days: s().prepare('SELECT member_id, day, views FROM member_view_days ORDER BY member_id, day').raw().all(),
});

beforeEach(() => {
  resetRecentViewTables();
  s().exec('DELETE FROM member_view_counts; DELETE FROM member_view_days');
  rollUpRecentViews(s());
});

describe('the running view counts', () => {
  it('equal a recount of both event tables after imports, duplicates, late views, roll-ups, direct writes, deletes and erasure', () => {
    const { ids, views } = viewingPopulation(30, 6, NOW);
    recordInUnit(views, { now: NOW });
    expect(maintained()).toEqual(recomputed());
    expect(maintained().counts[0]).toEqual([ids[0], NOW - 6 * DAY, NOW - DAY, 6]);

    // The same views again (one table or the other holds them): nothing changes.
    const before = maintained();
    expect(recordInUnit(views.slice(0, 50), { now: NOW }).duplicates).toBe(50);
    expect(maintained()).toEqual(before);

    // Half rolled up, then late views (before each member's first) and new ones arrive.
    rollUpChunk(s(), 0, 90);
    const late = ids.map((memberId, i) => ({ memberId, watchedAt: NOW - (400 + i) * DAY, titleId: 1, seconds: 30 }));
    const fresh = ids.map((memberId) => ({ memberId, watchedAt: NOW - 3 * 3_600_000, titleId: 1, seconds: 30 }));
    recordInUnit([...late, ...fresh, ...views.slice(100, 120)], { now: NOW });
    expect(maintained()).toEqual(recomputed());
    expect(maintained().counts[0]).toEqual([ids[0], NOW - 400 * DAY, NOW - 3 * 3_600_000, 8]);

    // The rest rolled up; the seeder's direct write into the big table.
    rollUpRecentViews(s());
    expect(s().prepare('SELECT count(*) FROM viewing_events_recent').pluck().get()).toBe(0);
    s()
      .prepare('INSERT INTO viewing_events (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, 1, 10)')
      .run(ids[1], NOW + DAY);
    expect(maintained()).toEqual(recomputed());

    // Deleting a member's first and last views moves both ends to the next ones.
    const m = ids[2] as number;
    s()
      .prepare('DELETE FROM viewing_events WHERE member_id = ? AND watched_at IN (?, ?)')
      .run(m, NOW - 402 * DAY, NOW - 3 * 3_600_000);
    expect(maintained()).toEqual(recomputed());
    expect(maintained().counts[2]).toEqual([m, NOW - 6 * DAY, NOW - DAY, 6]);

    // Erasure keeps a member's views (only personal data goes): the counts stay.
    eraseOne(s(), m, NOW);
    expect(maintained()).toEqual(recomputed());

    // Every view of a member gone: no row left for them.
    s().prepare('DELETE FROM viewing_events WHERE member_id = ?').run(m);
    expect(maintained()).toEqual(recomputed());
    expect(maintained().counts.some((r) => (r as number[])[0] === m)).toBe(false);
  });

  it('refuse an edit of a recorded view in place, which they could not follow', () => {
    const { views } = viewingPopulation(1, 2, NOW);
    recordInUnit(views, { now: NOW });
    expect(() => s().exec(`UPDATE viewing_events_recent SET watched_at = watched_at + 1`)).toThrow(/not edited/);
    expect(maintained()).toEqual(recomputed());
  });
});

describe('the scoring features from the counts', () => {
  it('equal the features from the views at any instant, on a day boundary or not, with views after it', () => {
    const rng = mulberry32(31);
    const { ids } = viewingPopulation(120, 0, NOW);
    // Views spread over 400 days around the instants, several on the window edges' days.
    const edges = [90, 180, 0].map((d) => NOW - d * DAY);
    const views = ids.flatMap((memberId) =>
      Array.from({ length: Math.floor(rng() * 14) }, () => {
        const near = rng() < 0.4 ? (edges[Math.floor(rng() * 3)] as number) + (rng() - 0.5) * DAY : NOW - rng() * 380 * DAY;
        return { memberId, watchedAt: Math.floor(near + rng() * 20 * DAY * (rng() < 0.1 ? 1 : 0)), titleId: 1, seconds: 60 };
      }),
    );
    recordInUnit(views, { now: NOW + 30 * DAY });
    rollUpChunk(s(), 0, views.length / 2); // both tables hold some
    const rows = (sql: string, t: number) => {
      const st = s().prepare(`${sql} ORDER BY member_id`);
      return st.all(namedParams({ ...countsParams(t), lo: 0, hi: 1e12 }, st));
    };
    for (const t of [NOW, NOW - 7 * 3_600_000, Math.floor(NOW / DAY) * DAY, NOW - 45 * DAY + 1234]) {
      const fromViews = rows(featuresSql('1'), t);
      expect(fromViews.length).toBe(ids.length);
      // The counts' statement adds when the row may next change (b90, b180, laterView): not features.
      const features = (rows(countsFeaturesSql('1'), t) as Record<string, unknown>[]).map(({ b90, b180, laterView, ...f }) => f);
      expect(features).toEqual(fromViews);
    }
  });
});
