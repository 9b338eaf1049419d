import 'server-only';
import { and, desc, eq, inArray, lte, max, or } from 'drizzle-orm';
import type { Db } from './client';
import { cycleRuns } from './schema';

// The daily cycle's runs (lib/cycle): claiming one under a lease, heartbeats, the end of a run, and
// the reads of the Operations page. Leases are in wall-clock ms (Date.now), so moving the app clock
// for a demo never expires a live run; every other time here is the app clock.

export type RunClaim = { id: number; attempt: number };
export type DayRun = {
  job: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  nextAttemptAt: number | null;
  leaseUntil: number | null;
};

/** The newest day a scheduled run was recorded for, or null on a database that never ran a cycle. */
export function lastStartedDay(db: Db): string | null {
  return (
    db
      .select({ d: max(cycleRuns.day) })
      .from(cycleRuns)
      .where(eq(cycleRuns.trigger, 'schedule'))
      .get()?.d ?? null
  );
}

export function scheduledRunsOfDay(db: Db, day: string): DayRun[] {
  return db
    .select({
      job: cycleRuns.job,
      status: cycleRuns.status,
      nextAttemptAt: cycleRuns.nextAttemptAt,
      leaseUntil: cycleRuns.leaseUntil,
    })
    .from(cycleRuns)
    .where(and(eq(cycleRuns.trigger, 'schedule'), eq(cycleRuns.day, day)))
    .all();
}

/**
 * Takes the day's scheduled run of `job` for `owner` (call inside a BEGIN IMMEDIATE unit of work,
 * so two processes cannot both read "free"): creates it, or takes it over when it failed and its
 * backoff is over or when its lease expired (the process running it died). Null when it is done,
 * running under a live lease, or backing off.
 */
export function claimScheduledRun(
  db: Db,
  v: { job: string; day: string; owner: string; at: number; wallNow: number; leaseMs: number },
): RunClaim | null {
  const row = db
    .select({
      id: cycleRuns.id,
      status: cycleRuns.status,
      attempt: cycleRuns.attempt,
      next: cycleRuns.nextAttemptAt,
      lease: cycleRuns.leaseUntil,
    })
    .from(cycleRuns)
    .where(and(eq(cycleRuns.trigger, 'schedule'), eq(cycleRuns.job, v.job), eq(cycleRuns.day, v.day)))
    .get();
  const lease = { leaseOwner: v.owner, leaseUntil: v.wallNow + v.leaseMs };
  if (!row) {
    const created = db
      .insert(cycleRuns)
      .values({ job: v.job, day: v.day, trigger: 'schedule', status: 'running', attempt: 1, startedAt: v.at, ...lease })
      .returning({ id: cycleRuns.id })
      .get();
    return { id: created.id, attempt: 1 };
  }
  if (row.status === 'done') return null;
  if (row.status === 'running' && (row.lease ?? 0) > v.wallNow) return null;
  if (row.status === 'failed' && row.next != null && row.next > v.at) return null;
  const attempt = row.attempt + 1;
  db.update(cycleRuns)
    .set({
      status: 'running',
      attempt,
      startedAt: v.at,
      finishedAt: null,
      error: null,
      progress: 0,
      progressTotal: null,
      ...lease,
    })
    .where(eq(cycleRuns.id, row.id))
    .run();
  return { id: row.id, attempt };
}

/** Records a "Run now" request; the scheduler (or `npm run cycle`) picks it up. */
export function queueManualRun(db: Db, v: { job: string; day: string; by: string; at: number }): number {
  return db
    .insert(cycleRuns)
    .values({ job: v.job, day: v.day, trigger: 'manual', status: 'queued', attempt: 0, requestedBy: v.by, requestedAt: v.at })
    .returning({ id: cycleRuns.id })
    .get().id;
}

/** An active manual run of `job` (queued or running), if any: a second "Run now" is refused while one is. */
export function activeManualRun(db: Db, job: string): { id: number } | undefined {
  return db
    .select({ id: cycleRuns.id })
    .from(cycleRuns)
    .where(and(eq(cycleRuns.trigger, 'manual'), eq(cycleRuns.job, job), inArray(cycleRuns.status, ['queued', 'running'])))
    .get();
}

/** Takes the oldest queued manual run, or one whose owner died (expired lease). Inside a unit of work. */
export function claimManualRun(db: Db, v: { owner: string; at: number; wallNow: number; leaseMs: number }) {
  const row = db
    .select({ id: cycleRuns.id, job: cycleRuns.job, day: cycleRuns.day, attempt: cycleRuns.attempt })
    .from(cycleRuns)
    .where(
      and(
        eq(cycleRuns.trigger, 'manual'),
        or(eq(cycleRuns.status, 'queued'), and(eq(cycleRuns.status, 'running'), lte(cycleRuns.leaseUntil, v.wallNow))),
      ),
    )
    .orderBy(cycleRuns.id)
    .limit(1)
    .get();
  if (!row) return null;
  const attempt = row.attempt + 1;
  db.update(cycleRuns)
    .set({ status: 'running', attempt, startedAt: v.at, leaseOwner: v.owner, leaseUntil: v.wallNow + v.leaseMs })
    .where(eq(cycleRuns.id, row.id))
    .run();
  return { id: row.id, job: row.job, day: row.day, attempt };
}

/** Renews the lease and records progress; false when the run is no longer this owner's. */
export function heartbeat(
  db: Db,
  id: number,
  owner: string,
  v: { leaseUntil: number; done?: number; total?: number | null },
): boolean {
  const set: Partial<typeof cycleRuns.$inferInsert> = { leaseUntil: v.leaseUntil };
  if (v.done != null) set.progress = v.done;
  if (v.total !== undefined) set.progressTotal = v.total;
  return (
    db
      .update(cycleRuns)
      .set(set)
      .where(and(eq(cycleRuns.id, id), eq(cycleRuns.leaseOwner, owner)))
      .run().changes > 0
  );
}

export function finishRun(db: Db, id: number, owner: string, counts: Record<string, number>, at: number) {
  db.update(cycleRuns)
    .set({
      status: 'done',
      finishedAt: at,
      counts: JSON.stringify(counts),
      error: null,
      nextAttemptAt: null,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(cycleRuns.id, id), eq(cycleRuns.leaseOwner, owner)))
    .run();
}

export function failRun(db: Db, id: number, owner: string, v: { error: string; at: number; nextAttemptAt: number | null }) {
  db.update(cycleRuns)
    .set({
      status: 'failed',
      finishedAt: v.at,
      error: v.error,
      nextAttemptAt: v.nextAttemptAt,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(cycleRuns.id, id), eq(cycleRuns.leaseOwner, owner)))
    .run();
}

export type RunView = {
  id: number;
  job: string;
  day: string;
  trigger: 'schedule' | 'manual';
  status: 'queued' | 'running' | 'done' | 'failed';
  attempt: number;
  requestedBy: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  nextAttemptAt: number | null;
  counts: string | null;
  error: string | null;
  progress: number;
  progressTotal: number | null;
};

const runView = {
  id: cycleRuns.id,
  job: cycleRuns.job,
  day: cycleRuns.day,
  trigger: cycleRuns.trigger,
  status: cycleRuns.status,
  attempt: cycleRuns.attempt,
  requestedBy: cycleRuns.requestedBy,
  startedAt: cycleRuns.startedAt,
  finishedAt: cycleRuns.finishedAt,
  nextAttemptAt: cycleRuns.nextAttemptAt,
  counts: cycleRuns.counts,
  error: cycleRuns.error,
  progress: cycleRuns.progress,
  progressTotal: cycleRuns.progressTotal,
};

/** The newest run of each job (scheduled or manual), for the Operations page. */
export function latestRunOf(db: Db, job: string): RunView | undefined {
  return db.select(runView).from(cycleRuns).where(eq(cycleRuns.job, job)).orderBy(desc(cycleRuns.id)).limit(1).get();
}

/** The newest runs of every job, newest first. */
export function recentRuns(db: Db, limit: number): RunView[] {
  return db.select(runView).from(cycleRuns).orderBy(desc(cycleRuns.id)).limit(limit).all();
}

/** Whether any run is queued or running (the page then refreshes itself). */
export function anyRunActive(db: Db): boolean {
  return !!db
    .select({ id: cycleRuns.id })
    .from(cycleRuns)
    .where(inArray(cycleRuns.status, ['queued', 'running']))
    .limit(1)
    .get();
}

/** Whether a manual run waits to be claimed (a plain read, so an idle tick takes no write lock). */
export function manualRunWaiting(db: Db, wallNow: number): boolean {
  return !!db
    .select({ id: cycleRuns.id })
    .from(cycleRuns)
    .where(
      and(
        eq(cycleRuns.trigger, 'manual'),
        or(eq(cycleRuns.status, 'queued'), and(eq(cycleRuns.status, 'running'), lte(cycleRuns.leaseUntil, wallNow))),
      ),
    )
    .limit(1)
    .get();
}

export type ScheduledRunOfDay = {
  day: string;
  job: string;
  status: RunView['status'];
  attempt: number;
  counts: string | null;
  finishedAt: number | null;
};

/** The scheduled runs of the newest `days` days a cycle ran for, newest day first: the Operations page's history. */
export function scheduledRunsOfRecentDays(db: Db, days: number): ScheduledRunOfDay[] {
  const recentDays = db
    .selectDistinct({ day: cycleRuns.day })
    .from(cycleRuns)
    .where(eq(cycleRuns.trigger, 'schedule'))
    .orderBy(desc(cycleRuns.day))
    .limit(days);
  return db
    .select({
      day: cycleRuns.day,
      job: cycleRuns.job,
      status: cycleRuns.status,
      attempt: cycleRuns.attempt,
      counts: cycleRuns.counts,
      finishedAt: cycleRuns.finishedAt,
    })
    .from(cycleRuns)
    .where(and(eq(cycleRuns.trigger, 'schedule'), inArray(cycleRuns.day, recentDays)))
    .orderBy(desc(cycleRuns.day), cycleRuns.id)
    .all();
}
