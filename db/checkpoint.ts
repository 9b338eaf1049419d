import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

// A bulk write leaves its pages in the WAL; copying them back into the database file (the
// checkpoint) takes as long again and, run by the committing connection as SQLite's automatic
// checkpoint does, would hold the server's one thread for seconds after the import is already
// committed and visible. So a bulk write turns the automatic checkpoint off and hands the
// checkpoint to a worker thread with its own connection: readers and writers carry on meanwhile
// (PASSIVE never blocks them), and the second core does the copying.

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const t0 = performance.now();
const [r] = db.pragma('wal_checkpoint(PASSIVE)');
db.close();
parentPort.postMessage({ ...r, ms: performance.now() - t0 });
`;

export type CheckpointResult = { busy: number; log: number; checkpointed: number; ms: number };

/** Runs `write` with the automatic checkpoint off, then checkpoints on a worker thread (not awaited by the caller). */
export function withBackgroundCheckpoint<T>(
  sqlite: Database.Database,
  write: () => T,
): { value: T; checkpoint: Promise<CheckpointResult> } {
  const before = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  sqlite.pragma('wal_autocheckpoint = 0');
  let value: T;
  try {
    value = write();
  } finally {
    sqlite.pragma(`wal_autocheckpoint = ${before}`);
  }
  return { value, checkpoint: checkpointInBackground(sqlite.name) };
}

/** PASSIVE checkpoint of `file` on a worker thread; resolves when the pages are back in the database file. */
export function checkpointInBackground(file: string): Promise<CheckpointResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { file } });
    w.once('message', resolve);
    w.once('error', reject);
  });
}
