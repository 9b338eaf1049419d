import 'server-only';
import type Database from 'better-sqlite3';
import { SYSTEM_ACTOR } from '@/db/audit';
import { drizzleFor } from '@/db/client';
import {
  claimManualRun,
  claimScheduledRun,
  failRun,
  finishRun,
  heartbeat,
  lastStartedDay,
  manualRunWaiting,
  scheduledRunsOfDay,
} from '@/db/cycle';
import { runUnitOfWork } from '@/db/unit-of-work';
import { redactEmails } from '@/lib/domain/audit-payload';
import { backoffMs, type DayRunState, daysToRun, dueDay, nextStepOfDay } from '@/lib/domain/cycle/schedule';
import { writesFree } from '@/lib/runtime/write-gate';
import { CYCLE_JOBS, type CycleJob } from './registry';

// Runs what is due of the daily cycle: "Run now" requests first, then each due day's jobs in order
// (catch-up: every missed day once, oldest first). Shared by the in-server scheduler and
// `npm run cycle`. Every claim is a BEGIN IMMEDIATE unit of work, so two processes never run the
// same day's job; a run's lease is renewed while it works and taken over once it expires.

export type CycleOptions = {
  hourUtc: number;
  /** Unique per process: the lease names it. */
  owner: string;
  /** The app clock (lib/runtime/clock.ts now). */
  now: () => number;
  /** How long a run stays claimed without a heartbeat (wall clock). */
  leaseMs?: number;
  jobs?: readonly CycleJob[];
  log?: (message: string) => void;
};

export type RunOutcome = {
  job: string;
  day: string;
  trigger: 'schedule' | 'manual';
  ok: boolean;
  counts?: Record<string, number>;
  error?: string;
  ms: number;
};

export const DEFAULT_LEASE_MS = 60_000;
const PROGRESS_EVERY_MS = 500;

/** The error as the Operations page shows it: its message, without addresses, never a stack. */
const errorText = (err: unknown) => redactEmails(err instanceof Error ? err.message : String(err)).slice(0, 500);

async function execute(
  sqlite: Database.Database,
  job: CycleJob,
  run: { id: number; day: string; attempt: number; trigger: 'schedule' | 'manual' },
  opts: CycleOptions,
): Promise<RunOutcome> {
  const db = drizzleFor(sqlite);
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const at = opts.now();
  const t0 = performance.now();
  let lastBeat = 0;
  // A job on a worker thread holds the write lock in short chunks: a beat that finds it held is
  // skipped (the next one follows), never waited for, as waiting would hold this thread's requests.
  const beat = (v: { done?: number; total?: number | null } = {}) => {
    if (!sqlite.open) return;
    const at = Date.now();
    if (tryWithoutWaiting(sqlite, () => heartbeat(db, run.id, opts.owner, { leaseUntil: at + leaseMs, ...v }))) lastBeat = at;
  };
  // The lease outlives pauses between progress reports (a long statement, a worker thread's rebuild).
  const timer = setInterval(() => beat(), Math.max(50, Math.floor(leaseMs / 3)));
  timer.unref?.();
  opts.log?.(`${job.name} for ${run.day} (${run.trigger}, attempt ${run.attempt}) started`);
  try {
    const counts = await job.run({
      sqlite,
      day: run.day,
      at,
      progress: (done, total) => {
        if (Date.now() - lastBeat >= PROGRESS_EVERY_MS || done === total) beat({ done, total: total ?? null });
      },
    });
    clearInterval(timer);
    await writesFree();
    runUnitOfWork(sqlite, SYSTEM_ACTOR, opts.now(), ({ tx }) => finishRun(tx.db, run.id, opts.owner, counts, opts.now()));
    const ms = Math.round(performance.now() - t0);
    opts.log?.(`${job.name} for ${run.day} done in ${ms} ms: ${JSON.stringify(counts)}`);
    return { job: job.name, day: run.day, trigger: run.trigger, ok: true, counts, ms };
  } catch (err) {
    clearInterval(timer);
    const error = errorText(err);
    const failedAt = opts.now();
    // A scheduled run is retried after its backoff; a manual one is reported and left to a person.
    const nextAttemptAt = run.trigger === 'schedule' ? failedAt + backoffMs(run.attempt) : null;
    if (sqlite.open)
      runUnitOfWork(sqlite, SYSTEM_ACTOR, failedAt, ({ tx }) =>
        failRun(tx.db, run.id, opts.owner, { error, at: failedAt, nextAttemptAt }),
      );
    opts.log?.(`${job.name} for ${run.day} failed (attempt ${run.attempt}): ${error}`);
    return { job: job.name, day: run.day, trigger: run.trigger, ok: false, error, ms: Math.round(performance.now() - t0) };
  }
}

/** Runs `write` unless another connection holds the write lock now (then false, nothing written). */
function tryWithoutWaiting(sqlite: Database.Database, write: () => unknown): boolean {
  const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    write();
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw err;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

/** Runs every queued "Run now" request, oldest first. */
async function runManual(sqlite: Database.Database, opts: CycleOptions, jobs: readonly CycleJob[]): Promise<RunOutcome[]> {
  const out: RunOutcome[] = [];
  const db = drizzleFor(sqlite);
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  while (sqlite.open && manualRunWaiting(db, Date.now())) {
    await writesFree();
    const claim = runUnitOfWork(sqlite, SYSTEM_ACTOR, opts.now(), ({ tx }) =>
      claimManualRun(tx.db, { owner: opts.owner, at: opts.now(), wallNow: Date.now(), leaseMs }),
    );
    if (!claim) break;
    const job = jobs.find((j) => j.name === claim.job);
    if (!job) {
      runUnitOfWork(sqlite, SYSTEM_ACTOR, opts.now(), ({ tx }) =>
        failRun(tx.db, claim.id, opts.owner, { error: `No job is named ${claim.job}.`, at: opts.now(), nextAttemptAt: null }),
      );
      continue;
    }
    out.push(await execute(sqlite, job, { ...claim, trigger: 'manual' }, opts));
  }
  return out;
}

/**
 * Runs what is due now and returns what ran. Stops at the first job that fails or that another
 * process holds: a later job (or day) never runs before an earlier one has succeeded.
 */
export async function runDueCycle(sqlite: Database.Database, opts: CycleOptions): Promise<RunOutcome[]> {
  const jobs = opts.jobs ?? CYCLE_JOBS;
  const order = jobs.map((j) => j.name);
  const db = drizzleFor(sqlite);
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const out = await runManual(sqlite, opts, jobs);
  const days = daysToRun(lastStartedDay(db), dueDay(opts.now(), opts.hourUtc));
  for (const day of days) {
    for (;;) {
      if (!sqlite.open) return out;
      const wallNow = Date.now();
      const runs = new Map<string, DayRunState>(
        scheduledRunsOfDay(db, day).map((r) => [
          r.job,
          { status: r.status, nextAttemptAt: r.nextAttemptAt, leaseLive: (r.leaseUntil ?? 0) > wallNow },
        ]),
      );
      const step = nextStepOfDay(order, runs, opts.now());
      if (step.kind === 'day-done') break;
      if (step.kind === 'wait') return out;
      const job = jobs.find((j) => j.name === step.job) as CycleJob;
      await writesFree();
      const claim = runUnitOfWork(sqlite, SYSTEM_ACTOR, opts.now(), ({ tx }) =>
        claimScheduledRun(tx.db, { job: job.name, day, owner: opts.owner, at: opts.now(), wallNow: Date.now(), leaseMs }),
      );
      if (!claim) return out; // another process took it a moment ago
      const r = await execute(sqlite, job, { ...claim, day, trigger: 'schedule' }, opts);
      out.push(r);
      if (!r.ok) return out;
    }
  }
  return out;
}
