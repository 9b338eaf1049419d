import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { jobs } from './schema';
import type { JobRow } from './schema/staff';

/** The newest runs of one kind of job (scan history, a batch's execution attempts), as the pages show them. */
export function latestJobs(db: Db, kind: string, limit: number): JobRow[] {
  return db
    .select({
      id: jobs.id,
      status: jobs.status,
      startedAt: jobs.startedAt,
      finishedAt: jobs.finishedAt,
      progress: jobs.progress,
      total: jobs.total,
      startedBy: jobs.startedBy,
      message: jobs.message,
    })
    .from(jobs)
    .where(eq(jobs.kind, kind))
    .orderBy(desc(jobs.id))
    .limit(limit)
    .all();
}
