import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { latestJobs } from './jobs';
import { jobs } from './schema';
import type { JobRow } from './schema/staff';

// The scan's row in `jobs`: one running scan at a time, its progress and heartbeat, its end.

export const SCAN_JOB_KIND = 'dormancy_scan';
/** A 'running' scan whose heartbeat is older than this died with its process: it no longer blocks. */
export const STALE_JOB_MS = 5 * 60_000;

export type ScanJob = JobRow;

export class ScanAlreadyRunningError extends Error {
  constructor(readonly job: { id: number; startedAt: number; startedBy: string; progress: number; total: number | null }) {
    super(
      `A dormancy scan is already running (job ${job.id}, started by ${job.startedBy} at ${new Date(job.startedAt).toISOString()}). Wait for it to finish.`,
    );
  }
}

/** Claims the scan slot: refuses while another live scan runs; retires a dead one. Call inside a unit of work. */
export function claimScanJob(db: Db, startedBy: string, total: number, at: number): number {
  const running = db
    .select({
      id: jobs.id,
      startedAt: jobs.startedAt,
      startedBy: jobs.startedBy,
      progress: jobs.progress,
      total: jobs.total,
      heartbeatAt: jobs.heartbeatAt,
    })
    .from(jobs)
    .where(and(eq(jobs.kind, SCAN_JOB_KIND), eq(jobs.status, 'running')))
    .orderBy(asc(jobs.id))
    .all();
  for (const j of running) {
    if (at - (j.heartbeatAt ?? j.startedAt) < STALE_JOB_MS) throw new ScanAlreadyRunningError(j);
    db.update(jobs)
      .set({
        status: 'failed',
        finishedAt: at,
        message: 'Abandoned: no heartbeat for 5 minutes (the process running it stopped).',
      })
      .where(and(eq(jobs.id, j.id), eq(jobs.status, 'running')))
      .run();
  }
  return db
    .insert(jobs)
    .values({ kind: SCAN_JOB_KIND, status: 'running', startedAt: at, heartbeatAt: at, progress: 0, total, startedBy })
    .returning({ id: jobs.id })
    .get().id;
}

export function scanJobProgress(db: Db, id: number, progress: number, at: number) {
  db.update(jobs).set({ progress, heartbeatAt: at }).where(eq(jobs.id, id)).run();
}

export function finishScanJob(db: Db, id: number, v: { total: number; message: string; at: number }) {
  db.update(jobs)
    .set({ status: 'done', finishedAt: v.at, heartbeatAt: v.at, progress: v.total, message: v.message })
    .where(eq(jobs.id, id))
    .run();
}

export function failScanJob(db: Db, id: number, message: string, at: number) {
  db.update(jobs).set({ status: 'failed', finishedAt: at, message }).where(eq(jobs.id, id)).run();
}

export function recentScans(db: Db, limit = 10): ScanJob[] {
  return latestJobs(db, SCAN_JOB_KIND, limit);
}
