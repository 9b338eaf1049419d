import { SYSTEM_ACTOR } from '@/db/audit';
import { type ScanResult, scanDormancy } from '@/db/dormancy';
import { openDatabase } from '@/db/open';

// The cycle's dormancy scan as it runs on the job worker (lib/runtime/job.worker.js): the same
// chunked scan as on the server's thread, on a connection of the thread's own.

export function runScanJob(job: { file: string; asOf: number }, progress: (done: number, total: number) => void): ScanResult {
  const sqlite = openDatabase(job.file, { migrate: false });
  // Waiting for the write lock here sleeps only this thread, never a request.
  sqlite.pragma('busy_timeout = 120000');
  try {
    return scanDormancy(sqlite, { asOf: job.asOf, startedBy: 'cycle', actor: SYSTEM_ACTOR, onProgress: progress });
  } finally {
    sqlite.close();
  }
}
