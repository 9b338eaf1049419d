import { openDatabase } from '@/db/open';
import { type ScoreRiskOptions, scoreRisk } from './score';

// The daily scoring as it runs on the job worker (lib/runtime/job.worker.js): the same use case as
// on the server's thread, on a connection of the thread's own.

export type ScoreRiskJob = { file: string; options: Omit<ScoreRiskOptions, 'progress'> };

export function runScoreRiskJob(job: ScoreRiskJob, progress: (done: number, total: number) => void): Record<string, number> {
  const sqlite = openDatabase(job.file, { migrate: false });
  // Waiting for the write lock here sleeps only this thread, never a request.
  sqlite.pragma('busy_timeout = 120000');
  try {
    return scoreRisk(sqlite, { ...job.options, progress });
  } finally {
    sqlite.close();
  }
}
