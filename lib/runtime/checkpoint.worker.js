// The checkpoint worker (lib/runtime/checkpoint.ts): a thread with its own connection to
// `workerData.file` that runs a PASSIVE checkpoint on each 'checkpoint' message and replies with
// SQLite's counts and the time taken; 'close' closes its connection and ends the thread.
// Plain CommonJS, so Node runs it as it is under `next start`, vitest and tsx alike.
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  const t0 = performance.now();
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ...r, ms: performance.now() - t0 });
  } catch (err) {
    parentPort.postMessage({ error: String(err?.message || err) });
  }
});
