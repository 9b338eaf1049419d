import { openDatabase } from '@/db/open';
import { rollUpRecentViews } from './roll-up';

// The roll-up of the recent views as it runs on the job worker (lib/runtime/job.worker.js): the
// same chunks as on the server's thread, on a connection of the thread's own.

export function runRollUpJob(job: { file: string }): number {
  const sqlite = openDatabase(job.file, { migrate: false });
  // Waiting for the write lock here sleeps only this thread, never a request.
  sqlite.pragma('busy_timeout = 120000');
  try {
    return rollUpRecentViews(sqlite);
  } finally {
    sqlite.close();
  }
}
