import 'server-only';
import type { Db } from '@/db/client';
import { scheduledRunsOfRecentDays } from '@/db/cycle';
import { CYCLE_JOBS } from './registry';

/** One day of the daily cycle as the Operations page's history shows it. */
export type CycleDay = {
  day: string;
  /** Jobs of the day that succeeded, of the registry's jobs. */
  done: number;
  failed: number;
  jobs: number;
  /** Attempts beyond the first, over the day's jobs (a retry after a failure or an interrupted run). */
  retries: number;
  dormant: number | null;
  newlyDormant: number | null;
  enrolled: number | null;
  closed: number | null;
  /** When the day's last job ended; null while a job is still to run. */
  finishedAt: number | null;
};

const countOf = (json: string | null, key: string): number | null => {
  if (!json) return null;
  try {
    const v = (JSON.parse(json) as Record<string, unknown>)[key];
    return typeof v === 'number' ? v : null;
  } catch {
    return null;
  }
};

/** The newest `days` days of scheduled runs, newest first, with the figures each day's jobs reported. */
export function cycleHistory(db: Db, days = 60): CycleDay[] {
  const byDay = new Map<string, ReturnType<typeof scheduledRunsOfRecentDays>>();
  for (const r of scheduledRunsOfRecentDays(db, days)) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
  return [...byDay].map(([day, runs]) => {
    const job = (name: string) => runs.find((r) => r.job === name);
    const done = runs.filter((r) => r.status === 'done').length;
    return {
      day,
      done,
      failed: runs.filter((r) => r.status === 'failed').length,
      jobs: CYCLE_JOBS.length,
      retries: runs.reduce((n, r) => n + Math.max(0, r.attempt - 1), 0),
      dormant: countOf(job('dormancy-scan')?.counts ?? null, 'dormant'),
      newlyDormant: countOf(job('dormancy-scan')?.counts ?? null, 'newlyDormant'),
      enrolled: countOf(job('enrol-always-on')?.counts ?? null, 'enrolled'),
      closed: countOf(job('close-campaigns')?.counts ?? null, 'closed'),
      finishedAt: done === CYCLE_JOBS.length ? Math.max(...runs.map((r) => r.finishedAt ?? 0)) : null,
    };
  });
}
