import Database from 'better-sqlite3';
import { EMPTY_SEGMENT, parseSegment } from '@/lib/domain/campaigns/segment';
import { type BenchContext, closeAndRemove, closeForCopy, fn, load, openCopy, openServerCopy, removeCopy } from '../lib/context';
import { createBenchCampaign } from '../lib/fixtures';
import { peakRssMb, resetPeakRss, timeAsync, timeIt } from '../lib/measure';
import { failed, fmtMs, judge, measured, notAvailable, type Row } from '../lib/table';

const TARGET_MS = 5_000;
const WAIT_TARGET_MS = 200;
const PROBE_EVERY_MS = 20;
const DAY = 86_400_000;
type Outcome = { ok: boolean; job: string; ms: number; error?: string; counts?: Record<string, number> };

/**
 * Requests made while `work` runs: every PROBE_EVERY_MS a read on a connection of its own (as a page
 * makes), timed from when it was due to when its answer is in. The longest is how long a request
 * waits behind the work on the same event loop.
 */
async function withProbes<T>(file: string, work: () => Promise<T>): Promise<{ value: T; maxWaitMs: number; probes: number }> {
  const reader = new Database(file, { readonly: true });
  const read = reader.prepare("SELECT count(*) AS n FROM campaigns WHERE status IN ('sending', 'awaiting_responses')");
  let maxWaitMs = 0;
  let probes = 0;
  let stop = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = (due: number) => {
    timer = setTimeout(
      () => {
        if (stop) return;
        read.get();
        maxWaitMs = Math.max(maxWaitMs, performance.now() - due);
        probes++;
        loop(Math.max(due + PROBE_EVERY_MS, performance.now()));
      },
      Math.max(0, due - performance.now()),
    );
  };
  loop(performance.now() + PROBE_EVERY_MS);
  try {
    const value = await work();
    return { value, maxWaitMs, probes };
  } finally {
    stop = true;
    clearTimeout(timer);
    reader.close();
  }
}

/**
 * One day's cycle with N members newly dormant (inserted active, last view 731 days ago: the scan
 * classifies them) and one always-on campaign over every dormant member, started yesterday: the
 * scheduler's run of the day's in-process jobs (scan, enrolment, closing, proposals, reminders,
 * leavers, purge; the at-risk scoring is timed by its own step) against the same statements run bare (the scan statement, the cohort's rows and
 * reachable-only queueing statement, closing, the purge), with reads made every 20 ms during the
 * app's run. The metrics refresh runs on a worker thread and is left out of both.
 */
export async function benchCycleAlwaysOn(ctx: BenchContext, newlyDormant: number): Promise<Row[]> {
  const step = `One day's cycle with always-on enrolment: ${newlyDormant.toLocaleString('en')} newly dormant enrolled into one always-on campaign (runDueCycle)`;
  const target = `≤ ${TARGET_MS / 1000} s; requests wait ≤ ${WAIT_TARGET_MS} ms`;
  const runDueCycle = fn(await load('@/lib/cycle/run'), 'runDueCycle');
  const jobs = (await load('@/lib/cycle/registry'))?.CYCLE_JOBS as { name: string }[] | undefined;
  const start = fn(await load('@/lib/campaigns/always-on'), 'startAlwaysOn');
  const rawScanSql = fn(await load('@/db/dormancy.sql'), 'rawScanSql');
  const policyRow = fn(await load('@/db/policy'), 'policyRow');
  const drizzleFor = fn(await load('@/db/client'), 'drizzleFor');
  const closeDue = fn(await load('@/lib/campaigns/close-due'), 'closeDueCampaigns');
  const purgeMembers = fn(await load('@/db/retention'), 'purgeExpiredMembers');
  const queueSql = fn(await load('@/db/campaigns.sql'), 'queueSql');
  const getVariants = fn(await load('@/db/campaigns'), 'getVariants');
  const seg = await load('@/db/segments');
  const segmentSql = fn(seg, 'segmentSql');
  const register = fn(seg, 'registerCampaignFunctions');
  const runUnitOfWork = fn(await load('@/db/unit-of-work'), 'runUnitOfWork');
  const needs = [runDueCycle, jobs, start, rawScanSql, policyRow, drizzleFor, closeDue, purgeMembers, queueSql, getVariants];
  if (needs.some((x) => !x) || !segmentSql || !register || !runUnitOfWork)
    return [notAvailable(step, 'lib/cycle or always-on campaigns have not landed', target)];
  try {
    // Set-up (not measured): the always-on campaign started yesterday (its backlog cohort running);
    // N active members whose last view is 731 days ago, so today's scan makes them dormant.
    const prep = openCopy(ctx, 'cycle-ao-prepared');
    const id = createBenchCampaign(prep, { name: 'Bench always-on', seed: 778, segment: EMPTY_SEGMENT, at: ctx.now - 2 * DAY });
    prep.prepare('UPDATE campaigns SET always_on = 1 WHERE id = ?').run(id);
    runUnitOfWork!(
      prep as never,
      { id: null, label: 'bench' } as never,
      (ctx.now - DAY) as never,
      ((uow: unknown) => start!(uow as never, id as never)) as never,
    );
    const made = prep
      .prepare(
        `UPDATE members SET last_viewed_at = @viewed, last_contacted_at = NULL
         WHERE id IN (SELECT id FROM members WHERE status = 'active' ORDER BY id DESC LIMIT @n)`,
      )
      .run({ n: newlyDormant, viewed: ctx.now - 731 * DAY }).changes;
    closeForCopy(prep);
    const prepared = `${ctx.tmp}/cycle-ao-prepared.db`;
    const day = new Date(ctx.now).toISOString().slice(0, 10);

    const raw = openServerCopy(ctx, 'cycle-ao-raw', prepared);
    register(raw as never);
    const parent = raw.prepare('SELECT segment, holdout_pct AS holdoutPct, seed FROM campaigns WHERE id = ?').get(id) as {
      segment: string;
      holdoutPct: number;
      seed: number;
    };
    const variants = getVariants!(raw as never, id as never) as { key: string; name: string; splitPct: number }[];
    const r = timeIt(() => {
      const policy = policyRow!(drizzleFor!(raw as never) as never) as { id: number };
      raw.exec(rawScanSql!(policy as never, ctx.now as never) as string);
      const q = segmentSql(parseSegment(parent.segment) as never, policy as never, ctx.now as never) as {
        where: string;
        from: string;
        params: Record<string, unknown>;
      };
      const enrolled = raw
        .transaction(() => {
          const cohort = Number(
            raw
              .prepare(
                `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, parent_campaign_id, cohort_day,
                   created_by, created_at, updated_at) VALUES ('raw cohort', 'draft', ?, ?, 'email', ?, ?, ?, ?, 0, ?, ?)`,
              )
              .run(policy.id, parent.segment, parent.holdoutPct, parent.seed + 1, id, day, ctx.now, ctx.now).lastInsertRowid,
          );
          const ins = raw.prepare(
            `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, offer, subject_template, body_template)
             VALUES (?, ?, ?, ?, 'none', 'Still there?', 'Keep it?')`,
          );
          const vs = variants.map((v) => ({
            id: Number(ins.run(cohort, v.key, v.name, v.splitPct).lastInsertRowid),
            splitPct: v.splitPct,
          }));
          const sql = queueSql!(
            { ...parent, channel: 'email', seed: parent.seed + 1 } as never,
            vs as never,
            q.where as never,
            q.from as never,
            { reachableOnly: true } as never,
          ) as string;
          const n = raw.prepare(sql).run({ ...q.params, campaignId: cohort, at: ctx.now, capSince: ctx.now - 30 * DAY }).changes;
          raw
            .prepare(
              `UPDATE campaigns SET status = 'sending', scheduled_at = ?, send_started_at = ?, deadline_at = ? WHERE id = ?`,
            )
            .run(ctx.now, ctx.now, ctx.now + 30 * DAY, cohort);
          return n;
        })
        .immediate();
      closeDue!(raw as never, ctx.now as never);
      raw.transaction(() =>
        purgeMembers!({ db: drizzleFor!(raw as never), sqlite: raw } as never, ctx.now as never, 'bench' as never),
      )();
      return enrolled;
    });
    closeAndRemove(raw);

    const app = openServerCopy(ctx, 'cycle-ao-app', prepared);
    resetPeakRss();
    // The at-risk scoring has its own row (bench/steps/risk.ts, its own target); the refresh runs on a worker.
    const inProcess = jobs!.filter((j) => j.name !== 'metrics-refresh' && j.name !== 'risk-score');
    const a = await timeAsync(() =>
      withProbes(
        app.name,
        () =>
          runDueCycle!(app as never, { hourUtc: 0, owner: 'bench', now: () => ctx.now, jobs: inProcess } as never) as Promise<
            Outcome[]
          >,
      ),
    );
    const peak = peakRssMb();
    closeAndRemove(app);
    removeCopy(prepared);
    const out = a.value.value;
    const bad = out.find((x) => !x.ok);
    if (bad) throw new Error(`${bad.job} failed: ${bad.error}`);
    const enrolled = out.find((x) => x.job === 'enrol-always-on')?.counts?.enrolled ?? -1;
    const ratio = a.ms / r.ms;
    const agree = enrolled === r.value && enrolled >= made;
    const waitOk = a.value.maxWaitMs <= WAIT_TARGET_MS;
    return [
      {
        step,
        ...measured('set', a.ms, r.ms),
        result: `${fmtMs(a.ms)} · longest request wait ${fmtMs(a.value.maxWaitMs)}`,
        raw: fmtMs(r.ms),
        ratio,
        target,
        status: !agree ? 'failed' : waitOk ? judge(a.ms, TARGET_MS, ratio) : 'missed',
        peakRssMb: peak,
        note: `${made.toLocaleString('en')} made dormant by the day's scan beside yesterday's running cohort; ${enrolled.toLocaleString('en')} enrolled${agree ? '' : ` (raw ${r.value}: they disagree)`}; ${out.map((x) => `${x.job} ${fmtMs(x.ms)}`).join(', ')}; ${a.value.probes} reads made every ${PROBE_EVERY_MS} ms during the run on their own connection, the longest from due to answered ${fmtMs(a.value.maxWaitMs)}. The metrics refresh runs on a worker thread and is not timed.`,
      },
    ];
  } catch (err) {
    return [failed(step, err, target)];
  }
}
