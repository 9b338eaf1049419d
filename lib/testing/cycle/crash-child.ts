// A separate process for the cycle's crash test (lib/cycle/cycle.crash.test.ts): runs the daily
// cycle on <db> as of <nowMs> with a lease of <leaseMs>, and once <pauseAfter>'s work has committed
// (but before its run is recorded as done) prints PAUSED and waits to be killed.
import { openDatabase } from '@/db/open';
import { CYCLE_JOBS } from '@/lib/cycle/registry';
import { runDueCycle } from '@/lib/cycle/run';

const [file, nowMs, leaseMs, pauseAfter] = process.argv.slice(2);
const sqlite = openDatabase(file!, { migrate: false });
sqlite.pragma('busy_timeout = 20000');
const jobs = CYCLE_JOBS.map((j) =>
  j.name === pauseAfter
    ? {
        ...j,
        run: async (ctx: Parameters<typeof j.run>[0]) => {
          await j.run(ctx);
          console.log('PAUSED');
          return new Promise<Record<string, number>>(() => {});
        },
      }
    : j,
);
void runDueCycle(sqlite, { hourUtc: 2, owner: `child-${process.pid}`, now: () => Number(nowMs), leaseMs: Number(leaseMs), jobs });
