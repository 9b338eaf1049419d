import type Database from 'better-sqlite3';
import { ROLL_UP_CHUNK, recentViewCount, rollUpSteps } from '@/db/recent-views';
import { inBackground, inBackgroundTask } from '@/lib/runtime/background';
import { runOnJobWorker } from '@/lib/runtime/job-thread';

// When the recent views (db/recent-views.ts) are rolled up into viewing_events: in the background
// once enough wait, so an import or an API batch never pays for it.

/** Rows in the recent table above which a roll-up starts (~8k pages of the recent table). */
export const ROLL_UP_AT = 1_000_000;

/** Views in the recent table as this process knows it: counted once, then kept up by noteRecentViews. */
const pending = new WeakMap<Database.Database, number>();

/** Moves every recent view now (scripts, tests and the benchmark). Returns how many were moved. */
export function rollUpRecentViews(sqlite: Database.Database, n = ROLL_UP_CHUNK): number {
  const before = recentViewCount(sqlite);
  for (const step of rollUpSteps(sqlite, n)) step();
  pending.set(sqlite, 0);
  return before;
}

/**
 * Records that `added` views went into the recent table and, once it holds ROLL_UP_AT or more,
 * rolls it up in the background (a chunk at a time, the event loop free in between). Called after
 * every import and API batch and by the sender's housekeeping, so a restart mid-way resumes.
 */
export function noteRecentViews(sqlite: Database.Database, added = 0, at = ROLL_UP_AT): Promise<void> {
  const known = (pending.get(sqlite) ?? recentViewCount(sqlite)) + added;
  pending.set(sqlite, known);
  if (known < at) return Promise.resolve();
  const onError = (err: unknown) => {
    pending.delete(sqlite);
    console.error('Rolling up recent viewing events failed; they stay readable in viewing_events_recent:', err);
  };
  // On a worker thread with its own connection: on the server's thread, even a chunk at a time,
  // requests waited behind each chunk (p50 622 ms for 20 users while 3.7M views rolled up at 5M).
  if (sqlite.name !== ':memory:')
    return inBackgroundTask(
      sqlite,
      'roll-up-recent-views',
      async () => {
        const r = await runOnJobWorker<number>('lib/ingest/roll-up-job.ts', 'runRollUpJob', { file: sqlite.name });
        if (r === 'unavailable') for (const step of rollUpSteps(sqlite)) await stepLater(sqlite, step);
        // Views recorded while it ran may sit below the cursor: the next call counts again.
        pending.delete(sqlite);
      },
      onError,
    );
  return inBackground(
    sqlite,
    'roll-up-recent-views',
    function* () {
      yield* rollUpSteps(sqlite);
      pending.delete(sqlite);
    },
    onError,
  );
}

/** Runs one chunk after the event loop has had its turn (the fallback on the server's thread). */
async function stepLater(sqlite: Database.Database, step: () => void) {
  await new Promise((r) => setImmediate(r));
  if (sqlite.open) step();
}
