import { Worker } from 'node:worker_threads';
import { runtimeWorkerFile } from './worker-file';

// Big CSV imports run on a worker thread with its own connection (lib/runtime/import.worker.js):
// reading, checking and writing a 3.7M-row file on the server's thread held every other request
// for seconds at a time (one sign-in took 11.5 s). The server's thread only forwards the upload's
// chunks; SQLite's WAL lets its readers carry on while the worker writes.

const WORKER = runtimeWorkerFile('import.worker.js');
/** Chunks sent but not yet read by the worker: enough to keep it busy, few enough to hold little memory. */
const IN_FLIGHT = 8;

export class ImportWorkerError extends Error {
  constructor(
    readonly causeName: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs `job` on a new import worker, feeding it `source`. Resolves with the job's outcome, or
 * 'unavailable' if the worker could not load the import (then `source` has not been read, and the
 * caller runs the import itself). Rejects with ImportWorkerError when the job throws.
 */
export function runOnImportWorker<R, P>(
  job: unknown,
  source: AsyncIterable<Uint8Array>,
  onProgress: (p: P) => void,
): Promise<R | 'unavailable'> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER, {
        workerData: { root: process.cwd(), job },
        // The data modules import 'server-only', which only the react-server condition allows.
        execArgv: ['--conditions=react-server'],
      });
    } catch {
      resolve('unavailable');
      return;
    }
    let inFlight = 0;
    let more: (() => void) | null = null;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      more?.();
      fn();
      void worker.terminate();
    };
    const feed = async () => {
      try {
        for await (const chunk of source) {
          if (settled) return;
          // A copy the worker owns: the stream may reuse its buffer.
          const own = new Uint8Array(chunk);
          worker.postMessage({ type: 'chunk', chunk: own }, [own.buffer]);
          if (++inFlight >= IN_FLIGHT) await new Promise<void>((r) => (more = r));
        }
        worker.postMessage({ type: 'end' });
      } catch (err) {
        settle(() => reject(err));
      }
    };
    worker.on('message', (m: { type: string } & Record<string, unknown>) => {
      if (m.type === 'ready') void feed();
      else if (m.type === 'ack') {
        inFlight--;
        const go = more;
        more = null;
        go?.();
      } else if (m.type === 'progress') {
        onProgress(m.progress as P);
        worker.postMessage({ type: 'noted' });
      } else if (m.type === 'done') settle(() => resolve(m.outcome as R));
      else if (m.type === 'failed') settle(() => reject(new ImportWorkerError(String(m.name), String(m.message))));
      else if (m.type === 'unavailable') {
        console.error('[import] the import worker could not start; importing on the server thread:', m.message);
        settle(() => resolve('unavailable'));
      }
    });
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', () => settle(() => reject(new Error('The import worker ended without an outcome.'))));
  });
}
