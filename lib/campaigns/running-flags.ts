import type Database from 'better-sqlite3';
import { SYSTEM_ACTOR } from '@/db/audit';
import { FLAG_CHUNK, flagChunk, unflaggedRunning } from '@/db/running-flags';
import { runUnitOfWork } from '@/db/unit-of-work';
import { inBackground } from '@/lib/runtime/background';

// Flagging a running campaign's recipients for the segment builder's live count
// (db/running-flags.ts says why). A long-running job that deliberately commits in chunks: each
// chunk is its own unit of work, holding the write lock ~0.1 s, so requests are served in between.

/** Flags the next chunk of a campaign's recipients in its own unit of work; returns the new cursor or null. */
export function flagRunningChunk(sqlite: Database.Database, campaignId: number, after: number, at: number, n = FLAG_CHUNK) {
  return runUnitOfWork(sqlite, SYSTEM_ACTOR, at, (uow) => flagChunk(uow.tx, campaignId, after, at, n));
}

/** Flags every recipient of a campaign now, chunk after chunk (scripts, tests and the benchmark). */
export function flagRunningMembers(sqlite: Database.Database, campaignId: number, at: number, n = FLAG_CHUNK) {
  for (let after: number | null = 0; after != null; ) after = flagRunningChunk(sqlite, campaignId, after, at, n);
}

/**
 * Flags the recipients of every running campaign that needs it, a chunk at a time with the event
 * loop free in between. Called after queueing commits and by the sender's housekeeping, so a
 * restart mid-way resumes. One job per connection; a second call joins it.
 */
export function flagRunningMembersSoon(sqlite: Database.Database, now: () => number = Date.now): Promise<void> {
  return inBackground(
    sqlite,
    'flag-running-members',
    function* () {
      for (let ids = unflaggedRunning(sqlite); ids.length && sqlite.open; ids = unflaggedRunning(sqlite))
        for (const id of ids)
          for (let after: number | null = 0; after != null; )
            yield () => {
              after = flagRunningChunk(sqlite, id, after as number, now());
            };
    },
    // The count stays exact without the flags (the slower path); the next count retries.
    (err) =>
      console.error('Flagging running campaign members failed; the segment count uses the slower exact path meanwhile:', err),
  );
}
