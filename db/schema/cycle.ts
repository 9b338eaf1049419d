import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * One row per run of a daily-cycle job (lib/cycle). A scheduled run is keyed by (job, day): the
 * partial unique index makes a day's job impossible to record twice. A manual "Run now" is its own
 * row (trigger 'manual') and never stands in for the day's scheduled run. The lease (owner, until,
 * in wall-clock ms) says which process runs it; an expired lease is taken over.
 */
export const cycleRuns = sqliteTable(
  'cycle_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    day: text('day').notNull(), // 'YYYY-MM-DD' UTC
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    attempt: integer('attempt').notNull().default(0),
    requestedBy: text('requested_by'),
    requestedAt: integer('requested_at'),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    nextAttemptAt: integer('next_attempt_at'),
    counts: text('counts'), // JSON Record<string, number>
    error: text('error'),
    leaseOwner: text('lease_owner'),
    leaseUntil: integer('lease_until'),
    progress: integer('progress').notNull().default(0),
    progressTotal: integer('progress_total'),
  },
  (t) => [
    uniqueIndex('cycle_runs_day_uq').on(t.job, t.day).where(sql`trigger = 'schedule'`),
    index('cycle_runs_job_idx').on(t.job, t.id),
    index('cycle_runs_status_idx').on(t.status),
  ],
);

export type CycleRunRow = typeof cycleRuns.$inferSelect;
