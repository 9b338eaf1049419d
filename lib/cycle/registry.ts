import 'server-only';
import type Database from 'better-sqlite3';
import { SYSTEM_ACTOR } from '@/db/audit';
import { closedCampaignsWithoutBatch } from '@/db/batch-proposal';
import { dueToClose } from '@/db/campaigns';
import { drizzleFor } from '@/db/client';
import { type ScanResult, scanDormancyAsync } from '@/db/dormancy';
import { refreshMarks } from '@/db/metrics-refresh';
import { memberIdBounds } from '@/db/risk';
import { runUnitOfWork } from '@/db/unit-of-work';
import { proposeBatchForCampaign } from '@/lib/batches/propose';
import { sendBatchReminders } from '@/lib/batches/reminders';
import { purgeExpiredInChunks } from '@/lib/batches/retention';
import { enrolAlwaysOnCohorts } from '@/lib/campaigns/always-on';
import { closeDueCampaigns } from '@/lib/campaigns/close-due';
import { DAY_MS } from '@/lib/domain/time';
import { cancelChosenToLeave } from '@/lib/keep/cancel-chosen-to-leave';
import { scoreRiskAsync, THREAD_FROM } from '@/lib/risk/score';
import { runOnJobWorker } from '@/lib/runtime/job-thread';
import { refreshInBackground } from '@/lib/runtime/metrics-refresh';

/** What a job receives: the connection, the day it runs for, the app clock's now, and a progress report. */
export type CycleContext = {
  sqlite: Database.Database;
  /** 'YYYY-MM-DD' (UTC): the day this run is for (an earlier day while catching up). */
  day: string;
  /** The app clock's now when the run started: every job applies its rules as of this instant. */
  at: number;
  /** Reports progress; also renews the run's lease. */
  progress(done: number, total?: number): void;
};

export type CycleJob = {
  name: string;
  label: string;
  /** Idempotent: run twice for the same day, the second run changes nothing a person would notice. */
  run(ctx: CycleContext): Promise<Record<string, number>>;
};

const yieldToRequests = () => new Promise<void>((r) => setImmediate(r));

// As of which instant each job runs for a past day (catch-up): all of them at `at`, the app
// clock's now. Dormancy and deadlines are facts of now (a scan "as of" a past day would undo
// today's classification), and the dormant count is a snapshot of members' status, so it is
// recorded for the day the scan ran on: a day missed while the server was down has no count row.
const scan: CycleJob = {
  name: 'dormancy-scan',
  label: 'Dormancy scan and the day’s dormant counts',
  async run({ sqlite, at, progress }) {
    // A big population is scanned on a worker thread (chunks on the server's thread held its
    // requests: p99 419 ms for 20 users during the whole cycle at 5M); a small one here.
    const { lo, hi } = memberIdBounds(sqlite);
    const onThread =
      sqlite.name !== ':memory:' && hi - lo + 1 >= THREAD_FROM
        ? await runOnJobWorker<ScanResult>('lib/cycle/scan-job.ts', 'runScanJob', { file: sqlite.name, asOf: at }, progress)
        : 'unavailable';
    const r =
      onThread !== 'unavailable'
        ? onThread
        : await scanDormancyAsync(sqlite, { asOf: at, startedBy: 'cycle', actor: SYSTEM_ACTOR, onProgress: progress });
    return { scanned: r.scanned, dormant: r.dormant, newlyDormant: r.newlyDormant ?? 0, reactivated: r.reactivated };
  },
};

const risk: CycleJob = {
  name: 'risk-score',
  label: 'Score active members’ risk (and the backtest, weekly)',
  async run({ sqlite, day, at, progress }) {
    // In member-id chunks with the event loop free between them; a rerun rewrites the same rows.
    return scoreRiskAsync(sqlite, { day, at, progress });
  },
};

const enrolAlwaysOn: CycleJob = {
  name: 'enrol-always-on',
  label: 'Enrol today’s cohorts of always-on campaigns',
  async run({ sqlite, day, at, progress }) {
    await yieldToRequests();
    // Keyed by the run's day: a cohort per campaign and day, so a repeated run enrols nobody twice.
    const r = enrolAlwaysOnCohorts(sqlite, { day, at, progress });
    if (r.failed) throw new Error(`${r.failed} always-on campaign(s) could not enrol their cohort (see the server log).`);
    return r;
  },
};

const closeCampaigns: CycleJob = {
  name: 'close-campaigns',
  label: 'Close campaigns past their deadline',
  async run({ sqlite, at }) {
    await yieldToRequests();
    const closed = closeDueCampaigns(sqlite, at).length;
    // closeDueCampaigns logs a campaign it could not close and goes on with the others: a run that
    // leaves one behind fails, so it is retried and shown.
    const left = dueToClose(sqlite, at).length;
    if (left) throw new Error(`${left} campaign(s) past their deadline could not be closed (see the server log).`);
    return { closed };
  },
};

const PROPOSE_LOOKBACK_MS = 7 * DAY_MS;

const proposeBatches: CycleJob = {
  name: 'propose-batches',
  label: 'Propose cancellation batches',
  async run({ sqlite, at }) {
    let proposed = 0;
    // Closing proposes in the same transaction; this catches a campaign closed in the last week
    // whose proposal found nobody then (a member may qualify since) or that closed without one.
    const ids = closedCampaignsWithoutBatch(drizzleFor(sqlite), at - PROPOSE_LOOKBACK_MS);
    for (const id of ids) {
      await yieldToRequests();
      if (runUnitOfWork(sqlite, SYSTEM_ACTOR, at, (uow) => proposeBatchForCampaign(uow, id)) != null) proposed++;
    }
    return { checked: ids.length, proposed };
  },
};

const reminders: CycleJob = {
  name: 'batch-reminders',
  label: 'Remind approvers of batches waiting too long',
  async run({ sqlite, at }) {
    await yieldToRequests();
    // Also run on every sender pass, to the minute; here as the day's safety net. Never twice per approver.
    return sendBatchReminders(sqlite, at);
  },
};

const leavers: CycleJob = {
  name: 'cancel-leavers',
  label: 'Cancel members who chose to leave, at their period end',
  async run({ sqlite, at }) {
    await yieldToRequests();
    // Also on every sender pass; here as the day's safety net. A member is cancelled once.
    return cancelChosenToLeave(sqlite, at);
  },
};

const purge: CycleJob = {
  name: 'retention-purge',
  label: 'Retention purge',
  async run({ sqlite, at }) {
    await yieldToRequests();
    // In chunks with requests served between them: a batch's window ending can expire 900k members at once.
    return purgeExpiredInChunks(sqlite, SYSTEM_ACTOR, at);
  },
};

const metrics: CycleJob = {
  name: 'metrics-refresh',
  label: 'Refresh the overview’s figures',
  async run({ sqlite, at }) {
    // On a worker thread with its own connection (lib/runtime/metrics-refresh.ts): the pass over
    // every member never holds up a request. Its failure is only logged there, so check the marks.
    await refreshInBackground(sqlite, ['members', 'outcomes'], at);
    const marks = refreshMarks(sqlite);
    const built = (['members', 'outcomes'] as const).filter((p) => (marks[p]?.at ?? Number.NEGATIVE_INFINITY) >= at);
    if (built.length < 2) throw new Error('The overview’s figures were not rebuilt (see the server log).');
    return { rebuilt: built.length };
  },
};

/** The daily cycle, in order. */
export const CYCLE_JOBS: readonly CycleJob[] = [
  scan,
  risk,
  enrolAlwaysOn,
  closeCampaigns,
  proposeBatches,
  reminders,
  leavers,
  purge,
  metrics,
];

export const jobNamed = (name: string, jobs: readonly CycleJob[] = CYCLE_JOBS) => jobs.find((j) => j.name === name);

/** The read the Operations page makes of the registry: names and labels, in order. */
export const cycleJobList = () => CYCLE_JOBS.map(({ name, label }) => ({ name, label }));
