import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { runtimeWorkerFile } from './worker-file';

// A bulk write leaves its pages in the WAL; copying them back into the database file (the
// checkpoint) takes as long again. Run by the committing connection, as SQLite's automatic
// checkpoint is, it would hold the server's one thread for seconds after the write is already
// committed and visible. So checkpoints run on a worker thread with its own connection: readers
// and writers carry on meanwhile (PASSIVE never blocks them), and the second core does the copying.

// The worker's script: one connection of its own, a PASSIVE checkpoint per 'checkpoint' message.
const KEEPER = runtimeWorkerFile('checkpoint.worker.js');

export type CheckpointResult = { busy: number; log: number; checkpointed: number; ms: number };

/** PASSIVE checkpoint of `file` on a worker thread of its own; resolves when the pages are back in the database file. */
export function checkpointInBackground(file: string): Promise<CheckpointResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(KEEPER, { workerData: { file } });
    w.once('message', (r: CheckpointResult & { error?: string }) => {
      w.postMessage('close');
      if (r.error) reject(new Error(r.error));
      else resolve(r);
    });
    w.once('error', reject);
    w.postMessage('checkpoint');
  });
}

export type Keeper = { stop(): void };

/**
 * For the server's long-lived connection: SQLite's automatic checkpoint off (it would copy a bulk
 * write's pages back on the committing request's thread, seconds after a 900k-member batch or
 * campaign is already committed), and instead one worker thread with its own connection
 * checkpoints whenever the WAL has changed, looked at every `everyMs`. Between two looks the WAL
 * only grows by what was written meanwhile; PASSIVE never blocks readers or writers.
 */
export function checkpointContinuously(
  sqlite: Database.Database,
  opts: { everyMs?: number; onCheckpoint?: (r: CheckpointResult) => void } = {},
): Keeper {
  if (sqlite.memory) return { stop: () => {} };
  const automatic = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  sqlite.pragma('wal_autocheckpoint = 0');
  // Without the worker, SQLite's own checkpoint comes back (else the WAL would grow without end).
  const fallBack = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${automatic}`);
  };
  const wal = `${sqlite.name}-wal`;
  const worker = new Worker(KEEPER, { workerData: { file: sqlite.name } });
  let seen = '';
  let running = false;
  worker.on('message', (r: CheckpointResult & { error?: string }) => {
    running = false;
    if (r.error) console.error('A background checkpoint failed (the next change retries it):', r.error);
    else opts.onCheckpoint?.(r);
  });
  let stopped = false;
  worker.on('error', (err) => console.error('The checkpoint worker failed; SQLite checkpoints by itself again:', err));
  worker.on('exit', () => {
    clearInterval(timer);
    if (!stopped) fallBack();
  });
  const look = () => {
    if (running || !sqlite.open) return;
    let st: fs.Stats;
    try {
      st = fs.statSync(wal);
    } catch {
      return; // no WAL yet
    }
    const state = `${st.size}:${st.mtimeMs}`;
    if (state === seen) return;
    seen = state; // a write during the checkpoint changes it again, so the next look runs another
    running = true;
    worker.postMessage('checkpoint');
  };
  const timer = setInterval(look, opts.everyMs ?? 1000);
  timer.unref();
  // After the listeners: adding a 'message' listener refs the worker again, and a script that never
  // called stop() (npm run retention:purge) then never exited.
  worker.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
      fallBack();
      worker.postMessage('close');
    },
  };
}
