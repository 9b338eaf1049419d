import 'server-only';
import type Database from 'better-sqlite3';

/** The roll-up's named bulk statements (db/recent-views.ts); the benchmark's raw roll-up runs the same text. */
export const ROLL_UP_SQL = {
  count: 'SELECT count(*) FROM viewing_events_recent',
  // The chunk's last member id: ROLL_UP_CHUNK views after the cursor, in member order.
  upTo: `SELECT max(member_id) FROM (SELECT member_id FROM viewing_events_recent WHERE member_id > @after
    ORDER BY member_id LIMIT @n)`,
  move: `INSERT OR IGNORE INTO viewing_events (member_id, watched_at, title_id, seconds_watched)
    SELECT member_id, watched_at, title_id, seconds_watched FROM viewing_events_recent
    WHERE member_id > @after AND member_id <= @upTo ORDER BY member_id, watched_at, title_id`,
  clear: 'DELETE FROM viewing_events_recent WHERE member_id > @after AND member_id <= @upTo',
};

/** ROLL_UP_SQL as typed calls on one connection. */
export function rollUpStatements(sqlite: Database.Database) {
  return {
    count: () => sqlite.prepare(ROLL_UP_SQL.count).pluck().get() as number,
    upTo: (after: number, n: number) => sqlite.prepare(ROLL_UP_SQL.upTo).pluck().get({ after, n }) as number | null,
    move: (range: { after: number; upTo: number }) => sqlite.prepare(ROLL_UP_SQL.move).run(range).changes,
    clear: (range: { after: number; upTo: number }) => sqlite.prepare(ROLL_UP_SQL.clear).run(range).changes,
  };
}
