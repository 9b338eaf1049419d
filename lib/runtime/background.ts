import type Database from 'better-sqlite3';

const jobs = new WeakMap<Database.Database, Map<string, Promise<void>>>();

/** The running job of this connection and kind if there is one (a second call joins it), else `start`'s. */
function joinOrStart(sqlite: Database.Database, kind: string, start: () => Promise<void>): Promise<void> {
  let byKind = jobs.get(sqlite);
  if (!byKind) {
    byKind = new Map();
    jobs.set(sqlite, byKind);
  }
  const running = byKind.get(kind);
  if (running) return running;
  const map = byKind;
  const job = start().finally(() => map.delete(kind));
  byKind.set(kind, job);
  return job;
}

/**
 * Runs `steps` on the server's thread as a background job: one chunk (one short transaction) at a
 * time, with the event loop free before each, so requests are served in between. One job per
 * connection and kind: a second call while it runs joins it. Stops quietly when the connection
 * closes (shutdown; the next start resumes); an error is reported through `onError`, not thrown.
 */
export function inBackground(
  sqlite: Database.Database,
  kind: string,
  steps: () => Iterable<() => void>,
  onError: (err: unknown) => void,
): Promise<void> {
  return joinOrStart(sqlite, kind, async () => {
    try {
      for (const step of steps()) {
        await new Promise((r) => setImmediate(r));
        if (!sqlite.open) return;
        step();
      }
    } catch (err) {
      if (sqlite.open) onError(err);
    }
  });
}

/**
 * `inBackground` for a job that runs elsewhere (a worker thread) and is awaited here: one per
 * connection and kind, a second call while it runs joins it, errors go to `onError`.
 */
export function inBackgroundTask(
  sqlite: Database.Database,
  kind: string,
  run: () => Promise<void>,
  onError: (err: unknown) => void,
): Promise<void> {
  return joinOrStart(sqlite, kind, () =>
    run().catch((err) => {
      if (sqlite.open) onError(err);
    }),
  );
}
