// The import worker (lib/runtime/import-thread.ts): a thread with its own connection that reads,
// checks and writes one CSV import, so the server's thread keeps answering requests meanwhile.
// The file arrives as 'chunk' messages (each acknowledged once read, which paces the sender) and
// an 'end'; the thread reports 'progress' (answered with 'noted') and finally the outcome, or the
// error's name and message.
// Plain CommonJS like the other workers; the import itself is the TypeScript use case
// (lib/ingest/import-job.ts), loaded through tsx, which the scripts already run on.
const { parentPort, workerData } = require('node:worker_threads');
const path = require('node:path');

const queue = [];
let ended = false;
let wake = null;
const noted = [];
parentPort.on('message', (m) => {
  if (m.type === 'chunk') queue.push(m.chunk);
  else if (m.type === 'end') ended = true;
  else if (m.type === 'noted') noted.shift()?.();
  wake?.();
});

/** Reports progress; the promise settles once the server thread has taken note (before a write begins, say). */
function report(progress) {
  parentPort.postMessage({ type: 'progress', progress });
  return new Promise((r) => noted.push(r));
}

async function* source() {
  for (;;) {
    if (queue.length) {
      const chunk = queue.shift();
      parentPort.postMessage({ type: 'ack' });
      yield chunk;
    } else if (ended) return;
    else await new Promise((r) => (wake = r));
  }
}

let job;
try {
  require('tsx/cjs/api').register();
  job = require(path.join(workerData.root, 'lib', 'ingest', 'import-job.ts'));
} catch (err) {
  parentPort.postMessage({ type: 'unavailable', message: String(err?.message || err) });
  process.exit(0);
}
parentPort.postMessage({ type: 'ready' });
job
  .runImportJob(workerData.job, source(), report)
  .then((outcome) => parentPort.postMessage({ type: 'done', outcome }))
  .catch((err) => parentPort.postMessage({ type: 'failed', name: err?.constructor?.name, message: String(err?.message || err) }));
