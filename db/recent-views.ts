import 'server-only';
import type Database from 'better-sqlite3';
import { now } from '@/lib/runtime/clock';
import { SYSTEM_ACTOR } from './audit';
import { BULK_MMAP_BYTES, mapMemory } from './open';
import { rollUpStatements } from './recent-views.sql';
import { runUnitOfWork } from './unit-of-work';

// viewing_events_recent holds the views recorded since the last roll-up; viewing_events the rest.
// A view is in one of the two, never both: recordViews stores a view in the recent table only when
// the big one does not hold it, and a roll-up moves a member range over in one transaction.
//
// Why: an import of views for 125k random members of 5M wrote one page of the big clustered table
// per member (~100k pages, half of the import's writes); the recent table packs the same views into
// a few thousand pages. The roll-up then writes the big table once for many imports' views, in
// member order. Readers of a member's views take the union (db/members.ts memberTimeline).
// When it runs: lib/ingest/roll-up.ts.

/** Views moved per transaction: each holds the write lock ~0.1–0.2 s. */
export const ROLL_UP_CHUNK = 50_000;

/**
 * Moves the recent views of the members after `after` (about `n` views, whole members) into
 * viewing_events in one transaction; returns the new cursor, or null when nothing is left after it.
 * A named job that commits chunk by chunk on purpose (each chunk is its own unit of work), so
 * requests are served between chunks; it writes no audit entry.
 */
export function rollUpChunk(sqlite: Database.Database, after: number, n = ROLL_UP_CHUNK): number | null {
  return runUnitOfWork(sqlite, SYSTEM_ACTOR, now(), ({ tx }) => {
    const st = rollUpStatements(tx.sqlite);
    const upTo = st.upTo(after, n);
    if (upTo == null) return null;
    st.move({ after, upTo });
    st.clear({ after, upTo });
    return upTo;
  });
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

export const recentViewCount = (sqlite: Database.Database) => rollUpStatements(sqlite).count();
