import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { preparedQuery } from './prepared';
import { jobs } from './schema';
import type { JobRow } from './schema/staff';

function latestJobsQuery(db: Db) {
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
    .where(eq(jobs.kind, sql.placeholder('kind')))
    .orderBy(desc(jobs.id))
    .limit(sql.placeholder('limit'))
    .prepare();
}

/**
 * The newest runs of one kind of job (scan history, a batch's execution attempts), as the pages show
 * them: read on every view of those pages, so prepared once.
 */
export function latestJobs(db: Db, kind: string, limit: number): JobRow[] {
  return preparedQuery(db, latestJobsQuery).all({ kind, limit });
}
