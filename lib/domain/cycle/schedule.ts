import { DAY_MS } from '../time';

// When the daily cycle is due, which days a start must catch up, and how long a failed job waits.
// Days are 'YYYY-MM-DD' in UTC; a day's cycle is due from CYCLE_HOUR_UTC:00 on that day.

const HOUR_MS = 3_600_000;

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const nextDay = (day: string): string => dayOf(dayStart(day) + DAY_MS);

/** The newest day whose cycle is due at `at`: today from the cycle hour on, yesterday before it. */
export function dueDay(at: number, hourUtc: number): string {
  const today = Math.floor(at / DAY_MS) * DAY_MS;
  return dayOf(at >= today + hourUtc * HOUR_MS ? today : today - DAY_MS);
}

/** When the cycle of the day after `day` becomes due. */
export function nextCycleAt(day: string, hourUtc: number): number {
  return dayStart(nextDay(day)) + hourUtc * HOUR_MS;
}

/**
 * The days a start runs, oldest first: from the newest day a cycle was started (it may be
 * unfinished) up to the due day, each once. A database that never ran a cycle starts with the due
 * day alone: nothing is backfilled from before the scheduler existed.
 */
export function daysToRun(lastStartedDay: string | null, due: string): string[] {
  if (lastStartedDay == null) return [due];
  if (lastStartedDay > due) return [];
  const days: string[] = [];
  for (let d = lastStartedDay; d <= due; d = nextDay(d)) days.push(d);
  return days;
}

/** Waits before retrying a failed job, by attempt (1 = the first failure): 1, 5, 15, then 60 minutes. */
const BACKOFF_MINUTES = [1, 5, 15, 60];
export function backoffMs(failedAttempts: number): number {
  const i = Math.min(Math.max(failedAttempts, 1), BACKOFF_MINUTES.length) - 1;
  return (BACKOFF_MINUTES[i] as number) * 60_000;
}

export type DayRunState = { status: 'queued' | 'running' | 'done' | 'failed'; nextAttemptAt: number | null; leaseLive: boolean };

export type NextStep = { kind: 'run'; job: string } | { kind: 'wait'; job: string; until: number | null } | { kind: 'day-done' };

/**
 * What to do next for one day: the first job (in registry order) not done runs, unless it is
 * running elsewhere under a live lease or waiting out its backoff. A later job never runs before
 * an earlier one of the same day has succeeded.
 */
export function nextStepOfDay(order: readonly string[], runs: ReadonlyMap<string, DayRunState>, at: number): NextStep {
  for (const job of order) {
    const r = runs.get(job);
    if (!r) return { kind: 'run', job };
    if (r.status === 'done') continue;
    if (r.status === 'running' && r.leaseLive) return { kind: 'wait', job, until: null };
    if (r.status === 'failed' && r.nextAttemptAt != null && r.nextAttemptAt > at)
      return { kind: 'wait', job, until: r.nextAttemptAt };
    return { kind: 'run', job };
  }
  return { kind: 'day-done' };
}
