import 'server-only';
import type Database from 'better-sqlite3';
import { type CycleOptions, type RunOutcome, runDueCycle } from './run';

export type CycleScheduler = { stop(): void; tick(): Promise<RunOutcome[]> };

/**
 * Ticks on an interval and runs what is due (lib/cycle/run.ts). A tick while a run is under way
 * joins it; an idle tick is two small reads. Jobs yield to the event loop between their chunks, so
 * requests keep being served while the cycle runs.
 */
export function startCycleScheduler(sqlite: Database.Database, opts: CycleOptions & { intervalMs: number }): CycleScheduler {
  let running: Promise<RunOutcome[]> | null = null;
  const tick = () => {
    running ??= runDueCycle(sqlite, opts)
      .catch((err) => {
        // A failure outside a job (the database busy past its timeout): the next tick tries again.
        opts.log?.(`tick failed: ${err instanceof Error ? err.message : 'unknown'}`);
        return [];
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (sqlite.open) void tick();
  }, opts.intervalMs);
  timer.unref?.();
  void tick();
  return { stop: () => clearInterval(timer), tick };
}
