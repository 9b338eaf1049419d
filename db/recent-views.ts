import type Database from 'better-sqlite3';
import { inBackground } from '../lib/runtime/background';
import { BULK_MMAP_BYTES, mapMemory } from './open';

// viewing_events_recent holds the views recorded since the last roll-up; viewing_events the rest.
// A view is in one of the two, never both: recordViews stores a view in the recent table only when
// the big one does not hold it, and a roll-up moves a member range over in one transaction.
//
// Why: an import of views for 125k random members of 5M wrote one page of the big clustered table
// per member (~100k pages, half of the import's writes); the recent table packs the same views into
// a few thousand pages. The roll-up then writes the big table once for many imports' views, in
// member order. Readers of a member's views take the union (db/members.ts memberTimeline).

/** Rows in the recent table above which a roll-up starts (~8k pages of the recent table). */
export const ROLL_UP_AT = 1_000_000;
/** Views moved per transaction: each holds the write lock ~0.1–0.2 s. */
export const ROLL_UP_CHUNK = 50_000;

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

/**
 * Moves the recent views of the members after `after` (about `n` views, whole members) into
 * viewing_events in one transaction; returns the new cursor, or null when nothing is left after it.
 */
export function rollUpChunk(sqlite: Database.Database, after: number, n = ROLL_UP_CHUNK): number | null {
  return sqlite
    .transaction(() => {
      const upTo = sqlite.prepare(ROLL_UP_SQL.upTo).pluck().get({ after, n }) as number | null;
      if (upTo == null) return null;
      sqlite.prepare(ROLL_UP_SQL.move).run({ after, upTo });
      sqlite.prepare(ROLL_UP_SQL.clear).run({ after, upTo });
      return upTo;
    })
    .immediate();
}

/**
 * The whole roll-up as steps, one chunk (one transaction) each, reading the big table through the
 * bulk memory map as an import does (measured 1.5 s → 1.3 s per 500k views). The map stays while the
 * job runs, for the server's other reads too.
 */
export function* rollUpSteps(sqlite: Database.Database, n = ROLL_UP_CHUNK): Generator<() => void> {
  const release = mapMemory(sqlite, BULK_MMAP_BYTES);
  try {
    for (let after: number | null = 0; after != null; )
      yield () => {
        after = rollUpChunk(sqlite, after as number, n);
      };
  } finally {
    release();
  }
}

/** Moves every recent view now (scripts, tests and the benchmark). Returns how many were moved. */
export function rollUpRecentViews(sqlite: Database.Database, n = ROLL_UP_CHUNK): number {
  const before = recentViewCount(sqlite);
  for (const step of rollUpSteps(sqlite, n)) step();
  pending.set(sqlite, 0);
  return before;
}

export const recentViewCount = (sqlite: Database.Database) => sqlite.prepare(ROLL_UP_SQL.count).pluck().get() as number;

/** Views in the recent table as this process knows it: counted once, then kept up by noteRecentViews. */
const pending = new WeakMap<Database.Database, number>();

/**
 * Records that `added` views went into the recent table and, once it holds ROLL_UP_AT or more,
 * rolls it up in the background (a chunk at a time, the event loop free in between). Called after
 * every import and API batch and by the sender's housekeeping, so a restart mid-way resumes.
 */
export function noteRecentViews(sqlite: Database.Database, added = 0, at = ROLL_UP_AT): Promise<void> {
  const known = (pending.get(sqlite) ?? recentViewCount(sqlite)) + added;
  pending.set(sqlite, known);
  if (known < at) return Promise.resolve();
  return inBackground(
    sqlite,
    'roll-up-recent-views',
    function* () {
      yield* rollUpSteps(sqlite);
      // Views recorded while it ran may sit below the cursor: the next call counts again.
      pending.delete(sqlite);
    },
    (err) => {
      pending.delete(sqlite);
      console.error('Rolling up recent viewing events failed; they stay readable in viewing_events_recent:', err);
    },
  );
}
