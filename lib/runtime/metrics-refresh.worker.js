// The overview's refresh worker (lib/runtime/metrics-refresh.ts): rebuilds the pre-aggregated
// tables on a thread with its own connection, so the server's thread keeps serving the previous
// snapshot (WAL) meanwhile. `workerData.jobs` are db/metrics-refresh.ts RefreshJobs, run as
// runRefreshJob runs them: the read phase in a read transaction (writers are not held up), then
// the swap and the mark in one write transaction. Plain CommonJS, so Node runs it as it is under
// `next start`, vitest and tsx alike.
const { workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const { lowerThreadPriority } = require('./background-priority.js');

lowerThreadPriority();

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 10000');
try {
  for (const j of workerData.jobs) {
    const t0 = performance.now();
    if (j.build.length)
      db.transaction(() => {
        for (const st of j.build) db.prepare(st.sql).run(st.params || {});
      })();
    db.transaction(() => {
      for (const st of j.statements) db.prepare(st.sql).run(st.params || {});
      db.prepare(j.mark.sql).run({ ...j.mark.params, tookMs: Math.round(performance.now() - t0) });
    }).immediate();
  }
} finally {
  db.close();
}
