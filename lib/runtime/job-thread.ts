import { Worker } from 'node:worker_threads';
import { runtimeWorkerFile } from './worker-file';

// Long background jobs (the at-risk scoring and its backtest: seconds to minutes of CPU at 5M
// members) run on a worker thread with its own connection (lib/runtime/job.worker.js): on the
// server's thread, even in chunks with the event loop freed between them, every request waited
// behind the chunk in progress, and the backtest is one long read. WAL lets the server's readers
// carry on meanwhile; the job's writes commit in short chunks, so a request's write waits for one.

const WORKER = runtimeWorkerFile('job.worker.js');

/**
 * Runs `fn(args, progress)` exported by `module` (a path from the project root) on a new worker
 * thread. Resolves with its result, or 'unavailable' when the thread could not load the module
 * (the caller then runs the job itself); rejects when the job throws.
 */
export function runOnJobWorker<R>(
  module: string,
  fn: string,
  args: unknown,
  onProgress?: (done: number, total: number) => void,
): Promise<R | 'unavailable'> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER, {
        workerData: { root: process.cwd(), module, fn, args },
        // The data modules import 'server-only', which only the react-server condition allows.
        execArgv: ['--conditions=react-server'],
      });
    } catch {
      resolve('unavailable');
      return;
    }
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (m: { type: string } & Record<string, unknown>) => {
      if (m.type === 'progress') onProgress?.(Number(m.done), Number(m.total));
      else if (m.type === 'done') settle(() => resolve(m.result as R));
      else if (m.type === 'failed') settle(() => reject(new Error(String(m.message))));
      else if (m.type === 'unavailable') {
        console.error(`[jobs] the job worker could not load ${module}; running it on the server thread:`, m.message);
        settle(() => resolve('unavailable'));
      }
    });
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', () => settle(() => reject(new Error(`The job worker for ${module} ended without a result.`))));
  });
}
