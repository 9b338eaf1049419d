import 'server-only';
import type Database from 'better-sqlite3';
import { DAY_MS } from '@/lib/domain/time';

// The running view counts (member_view_counts, member_view_days; decision 033) are kept by triggers
// on both event tables (migration 0027). A bulk load of millions of views (the seeder) would fire
// them per row: it drops them, loads, recounts in two statements, and puts them back.

const UNION = `SELECT member_id, watched_at FROM viewing_events UNION ALL SELECT member_id, watched_at FROM viewing_events_recent`;

/** The recount: every member's views, and their views per day from `fromDay` (days since the epoch) on. */
export const RECOUNT_SQL = {
  clear: 'DELETE FROM member_view_counts; DELETE FROM member_view_days;',
  counts: `INSERT INTO member_view_counts (member_id, first_viewed_at, last_viewed_at, views)
    SELECT member_id, min(watched_at), max(watched_at), count(*) FROM (${UNION}) GROUP BY member_id`,
  days: `INSERT INTO member_view_days (member_id, day, views)
    SELECT member_id, CAST(watched_at / ${DAY_MS} AS INTEGER) AS day, count(*) FROM (${UNION})
    WHERE watched_at >= @fromDay * ${DAY_MS} GROUP BY member_id, day`,
};

/**
 * Runs `load` with the count triggers dropped, then recounts both tables and restores the triggers
 * (all inside the caller's transaction or none, as the seeder runs it). Day buckets before `fromDay`
 * are left out: the scoring job would drop them anyway.
 */
export function withViewCountsRecounted<T>(sqlite: Database.Database, fromDay: number, load: () => T): T {
  const triggers = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('viewing_events', 'viewing_events_recent')",
    )
    .all() as { name: string; sql: string }[];
  for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name}"`);
  try {
    return load();
  } finally {
    sqlite.exec(RECOUNT_SQL.clear);
    sqlite.exec(RECOUNT_SQL.counts);
    sqlite.prepare(RECOUNT_SQL.days).run({ fromDay });
    for (const t of triggers) sqlite.exec(t.sql);
  }
}
