// Lowers the CPU priority of the calling worker thread (Linux keeps a nice value per thread, so the
// server's own thread keeps its priority). When the cores are busy, requests are served first and
// the background job takes what is left; on an idle core it runs at full speed. Plain CommonJS,
// required by the background workers.
const os = require('node:os');

// Ten steps below the thread that started it: with both busy on one core, the job gets about a tenth.
const BACKGROUND_NICE = 10;

function lowerThreadPriority() {
  try {
    os.setPriority(Math.min(19, os.getPriority() + BACKGROUND_NICE));
  } catch {
    // Not permitted or not supported here: the job runs at the server's priority, as before.
  }
}

module.exports = { lowerThreadPriority, BACKGROUND_NICE };
