import { beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/db/audit';
import { recentViewCount } from '@/db/recent-views';
import { ROLL_UP_SQL } from '@/db/recent-views.sql';
import { runUnitOfWork } from '@/db/unit-of-work';
import { recordViews } from '@/db/viewing';
import { getSqlite } from '@/lib/testing/db';
import { noteRecentViews, rollUpRecentViews } from './roll-up';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const DAY = 86_400_000;
const s = () => getSqlite();
/** recordViews in its own unit of work, as the importers and the events API run it. */
const record = (views: Parameters<typeof recordViews>[1], opts: { now: number }) =>
  runUnitOfWork(s(), SYSTEM_ACTOR, opts.now, ({ tx }) => recordViews(tx, views, opts));
const count = (table: string) => s().prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const _everyView = () =>
  s()
    .prepare(
      `SELECT member_id, watched_at, title_id, seconds_watched FROM viewing_events
       UNION ALL SELECT member_id, watched_at, title_id, seconds_watched FROM viewing_events_recent ORDER BY 1, 2, 3`,
    )
    .raw()
    .all();

/** `members` members with `per` views each, `per` days apart, all recorded through recordViews. */
function population(members: number, per: number) {
  const add = s().prepare(
    `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at)
     VALUES (?, ?, 'X', 'GB', 'standard', 999, 'GBP', ?, NULL, 'active', 0)`,
  );
  const ids = Array.from({ length: members }, (_, i) =>
    Number(add.run(`RV-${i}`, `rv${i}@example.com`, NOW - 900 * DAY).lastInsertRowid),
  );
  const views = ids.flatMap((memberId) =>
    Array.from({ length: per }, (_, k) => ({ memberId, watchedAt: NOW - (k + 1) * DAY, titleId: 1, seconds: 60 + k })),
  );
  return { ids, views };
}

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
