import type { Actor } from '@/db/audit';
import { openDatabase } from '@/db/open';
import { Refusal } from '@/lib/domain/refusal';
import { type ExecutionResult, executeBatch } from './execute';

// A batch's execution as it runs on the job worker (lib/runtime/job.worker.js): the same three
// commits as on the server's thread, on a connection of the thread's own. A refusal comes back as
// its message, so the action can show it as one.

export type ExecuteBatchJob = { file: string; batchId: number; actor: Actor; at: number };
export type ExecuteBatchOutcome = { result: ExecutionResult } | { refused: string };

export function runExecuteBatchJob(job: ExecuteBatchJob): ExecuteBatchOutcome {
  const sqlite = openDatabase(job.file, { migrate: false });
  // Waiting for the write lock here sleeps only this thread, never a request.
  sqlite.pragma('busy_timeout = 120000');
  try {
    return { result: executeBatch(sqlite, job.batchId, job.actor, job.at) };
  } catch (err) {
    if (err instanceof Refusal) return { refused: err.message };
    throw err;
  } finally {
    sqlite.close();
  }
}
