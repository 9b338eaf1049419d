import 'server-only';
import os from 'node:os';
import { getSqlite } from '@/db/client';
import { type CycleScheduler, startCycleScheduler } from '@/lib/cycle/scheduler';
import { now } from './clock';
import { config } from './config';

// The daily cycle's scheduler inside the Next server (started by instrumentation.ts), one per
// process; DISABLE_CYCLE=1 leaves the cycle to `npm run cycle` (cron) or another process.
const g = globalThis as unknown as { __rekindleCycle?: CycleScheduler };

/** Names this process in a run's lease. */
export const processOwner = () => `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

export function startServerCycle() {
  const c = config();
  if (g.__rekindleCycle || c.DISABLE_CYCLE === '1') return;
  g.__rekindleCycle = startCycleScheduler(getSqlite(), {
    hourUtc: c.CYCLE_HOUR_UTC,
    owner: processOwner(),
    now,
    intervalMs: c.CYCLE_TICK_MS,
    log: (m) => console.log(`[cycle] ${m}`),
  });
  console.log(`[cycle] scheduler started: the day's jobs run from ${String(c.CYCLE_HOUR_UTC).padStart(2, '0')}:00 UTC`);
}
