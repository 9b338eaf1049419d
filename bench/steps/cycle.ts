import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type BenchContext, closeAndRemove, fn, load, openCopy } from '../lib/context';
import { peakRssMb, resetPeakRss, timeAsync, timeIt } from '../lib/measure';
import { failed, fmtMs, judge, measured, notAvailable, type Row } from '../lib/table';

const STEP = 'One day’s cycle (runDueCycle: scan and counts, closing, proposals, purge)';
const TARGET_MS = 5_000;
type Job = { name: string };

/**
 * One due day's cycle as the scheduler runs it (claims under a lease, run records, heartbeats, the
 * scan chunked with the event loop free) against the same jobs' statements run back to back bare:
 * rawScanSql, then closing, proposals and the purge through their data functions without the
 * runner. The metrics refresh runs on a worker thread (15–60 s at 5M, off the server's thread), so
 * it is left out of both. The longest event-loop stall during the app's run is what a request
 * waiting behind the cycle would feel.
 */
export async function benchCycle(ctx: BenchContext): Promise<Row[]> {
  const run = await load('@/lib/cycle/run');
  const registry = await load('@/lib/cycle/registry');
  const runDueCycle = fn(run, 'runDueCycle');
  const jobs = registry?.CYCLE_JOBS as Job[] | undefined;
  const rawScanSql = fn(await load('@/db/dormancy.sql'), 'rawScanSql');
  const policyRow = fn(await load('@/db/policy'), 'policyRow');
  const drizzleFor = fn(await load('@/db/client'), 'drizzleFor');
  const closeDue = fn(await load('@/lib/campaigns/close-due'), 'closeDueCampaigns');
  const purgeMembers = fn(await load('@/db/retention'), 'purgeExpiredMembers');
  if (!runDueCycle || !jobs || !rawScanSql || !policyRow || !drizzleFor || !closeDue || !purgeMembers)
    return [notAvailable(STEP, 'lib/cycle has not landed', `≤ ${TARGET_MS / 1000} s`)];
  try {
    // The at-risk scoring has its own row (bench/steps/risk.ts, its own target); the refresh runs on a worker.
    const inProcess = jobs.filter((j) => j.name !== 'metrics-refresh' && j.name !== 'risk-score');
    const raw = openCopy(ctx, 'cycle-raw');
    const r = timeIt(() => {
      raw.exec(rawScanSql(policyRow(drizzleFor(raw as never) as never) as never, ctx.now as never) as string);
      closeDue(raw as never, ctx.now as never);
      raw.transaction(() =>
        purgeMembers({ db: drizzleFor(raw as never), sqlite: raw } as never, ctx.now as never, 'bench' as never),
      )();
    });
    closeAndRemove(raw);

    const app = openCopy(ctx, 'cycle-app');
    resetPeakRss();
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const a = await timeAsync(
      () =>
        runDueCycle(app as never, { hourUtc: 0, owner: 'bench', now: () => ctx.now, jobs: inProcess } as never) as Promise<
          { ok: boolean; job: string; ms: number; error?: string }[]
        >,
    );
    lag.disable();
    const peak = peakRssMb();
    closeAndRemove(app);
    const bad = a.value.find((x) => !x.ok);
    if (bad) throw new Error(`${bad.job} failed: ${bad.error}`);
    const ratio = a.ms / r.ms;
    const perJob = a.value.map((x) => `${x.job} ${fmtMs(x.ms)}`).join(', ');
    return [
      {
        step: STEP,
        ...measured('set', a.ms, r.ms),
        result: fmtMs(a.ms),
        raw: fmtMs(r.ms),
        ratio,
        target: `≤ ${TARGET_MS / 1000} s`,
        status: judge(a.ms, TARGET_MS, ratio),
        peakRssMb: peak,
        note: `${perJob}; longest event-loop stall during it ${fmtMs(lag.max / 1e6)} (a request waits at most that behind the cycle). No always-on enrolment yet (that job joins with always-on campaigns); the metrics refresh runs on a worker thread and is not timed.`,
      },
    ];
  } catch (err) {
    return [failed(STEP, err, `≤ ${TARGET_MS / 1000} s`)];
  }
}
