// A background job's worker (lib/runtime/job-thread.ts): runs one exported function of a TypeScript
// module on a thread with its own connection, so the server's thread keeps answering requests while
// it works. Posts 'progress' messages and finally 'done' with the result, or 'failed'.
// Plain CommonJS like the other workers; the module is loaded through tsx, as the import worker does.
const { parentPort, workerData } = require('node:worker_threads');
const path = require('node:path');
const { lowerThreadPriority } = require('./background-priority.js');

lowerThreadPriority();

let mod;
try {
  require('tsx/cjs/api').register();
  mod = require(path.join(workerData.root, workerData.module));
} catch (err) {
  parentPort.postMessage({ type: 'unavailable', message: String(err?.message || err) });
  process.exit(0);
}
Promise.resolve()
  .then(() => mod[workerData.fn](workerData.args, (done, total) => parentPort.postMessage({ type: 'progress', done, total })))
  .then((result) => parentPort.postMessage({ type: 'done', result }))
  .catch((err) => parentPort.postMessage({ type: 'failed', message: String(err?.message || err) }));
