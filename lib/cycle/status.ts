import 'server-only';
import type { Db } from '@/db/client';
import { anyRunActive, latestRunOf, type RunView, scheduledRunsOfDay } from '@/db/cycle';
import { dueDay, nextCycleAt } from '@/lib/domain/cycle/schedule';
import { CYCLE_JOBS } from './registry';

export type JobStatus = {
  name: string;
  label: string;
  last: RunView | null;
  /** When the next scheduled run is due; `now` when the due day's run is still to do. */
  next: { at: number; why: 'due' | 'retry' | 'next-day' };
};

/** Each job's last run and next run, in cycle order, as the Operations page shows them. */
export function cycleStatus(db: Db, at: number, hourUtc: number): { jobs: JobStatus[]; active: boolean; day: string } {
  const day = dueDay(at, hourUtc);
  const today = new Map(scheduledRunsOfDay(db, day).map((r) => [r.job, r]));
  const jobs = CYCLE_JOBS.map(({ name, label }): JobStatus => {
    const run = today.get(name);
    let next: JobStatus['next'];
    if (run?.status === 'done') next = { at: nextCycleAt(day, hourUtc), why: 'next-day' };
    else if (run?.status === 'failed' && run.nextAttemptAt != null) next = { at: run.nextAttemptAt, why: 'retry' };
    else next = { at, why: 'due' };
    return { name, label, last: latestRunOf(db, name) ?? null, next };
  });
  return { jobs, active: anyRunActive(db), day };
}
