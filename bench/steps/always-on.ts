import { EMPTY_SEGMENT, parseSegment } from '@/lib/domain/campaigns/segment';
import {
  type BenchContext,
  checkpointed,
  checkpointNote,
  closeAndRemove,
  closeForCopy,
  fn,
  load,
  openCopy,
  openServerCopy,
  removeCopy,
} from '../lib/context';
import { createBenchCampaign } from '../lib/fixtures';
import { peakRssMb, resetPeakRss, timeIt } from '../lib/measure';
import { failed, fmtMs, judge, measured, notAvailable, type Row } from '../lib/table';

const TARGET_MS = 5_000;
const DAY = 86_400_000;

/**
 * One day's always-on enrolment (enrolAlwaysOnCohorts): an always-on campaign over every dormant
 * member, started yesterday (its backlog cohort running), and N members newly dormant today. The app
 * call is timed against the same statements run bare in one transaction: the cohort row, its
 * variants, the reachable-only queueing statement and the switch to sending.
 */
export async function benchAlwaysOn(ctx: BenchContext, newlyDormant: number): Promise<Row[]> {
  const step = `One day's always-on enrolment: ${newlyDormant.toLocaleString('en')} newly dormant into one always-on campaign (enrolAlwaysOnCohorts)`;
  const target = `≤ ${TARGET_MS / 1000} s`;
  const ao = await load('@/lib/campaigns/always-on');
  const campSql = await load('@/db/campaigns.sql');
  const camp = await load('@/db/campaigns');
  const seg = await load('@/db/segments');
  const uowMod = await load('@/db/unit-of-work');
  const enrol = fn(ao, 'enrolAlwaysOnCohorts');
  const start = fn(ao, 'startAlwaysOn');
  const queueSql = fn(campSql, 'queueSql');
  const getVariants = fn(camp, 'getVariants');
  const segmentSql = fn(seg, 'segmentSql');
  const policyOf = fn(seg, 'currentPolicyRow');
  const register = fn(seg, 'registerCampaignFunctions');
  const runUnitOfWork = fn(uowMod, 'runUnitOfWork');
  if (!enrol || !start || !queueSql || !getVariants || !segmentSql || !policyOf || !register || !runUnitOfWork)
    return [notAvailable(step, 'lib/campaigns/always-on.ts has no enrolAlwaysOnCohorts yet', target)];
  try {
    // Set-up (not measured): the campaign started yesterday takes every member dormant then; then
    // N active members become dormant (their last view 731 days ago: dormant from today).
    const prep = openCopy(ctx, 'always-on-prepared');
    const id = createBenchCampaign(prep, { name: 'Bench always-on', seed: 777, segment: EMPTY_SEGMENT, at: ctx.now - 2 * DAY });
    prep.prepare('UPDATE campaigns SET always_on = 1 WHERE id = ?').run(id);
    runUnitOfWork(
      prep as never,
      { id: null, label: 'bench' } as never,
      (ctx.now - DAY) as never,
      ((uow: unknown) => start(uow as never, id as never)) as never,
    );
    const viewed = ctx.now - 731 * DAY;
    const made = prep
      .prepare(
        `UPDATE members SET status = 'dormant', dormant_reason = 'inactive', last_viewed_at = @viewed, dormant_since = @viewed + 730 * ${DAY},
           status_changed_at = @at, last_contacted_at = NULL
         WHERE id IN (SELECT id FROM members WHERE status = 'active' ORDER BY id DESC LIMIT @n)`,
      )
      .run({ n: newlyDormant, viewed, at: ctx.now }).changes;
    closeForCopy(prep);
    const prepared = `${ctx.tmp}/always-on-prepared.db`;
    const day = new Date(ctx.now).toISOString().slice(0, 10);

    const rdb = openServerCopy(ctx, 'always-on-raw', prepared);
    register(rdb as never);
    const parent = rdb
      .prepare('SELECT segment, channel, holdout_pct AS holdoutPct, seed FROM campaigns WHERE id = ?')
      .get(id) as {
      segment: string;
      channel: 'email';
      holdoutPct: number;
      seed: number;
    };
    const policy = policyOf(rdb as never) as { id: number };
    const q = segmentSql(parseSegment(parent.segment) as never, policy as never, ctx.now as never) as {
      where: string;
      from: string;
      params: Record<string, unknown>;
    };
    const variants = getVariants(rdb as never, id as never) as { key: string; name: string; splitPct: number }[];
    const insCampaign = rdb.prepare(
      `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, parent_campaign_id, cohort_day,
         created_by, created_at, updated_at) VALUES ('raw cohort', 'draft', ?, ?, 'email', ?, ?, ?, ?, 0, ?, ?)`,
    );
    const insVariant = rdb.prepare(
      `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, offer, subject_template, body_template)
       VALUES (?, ?, ?, ?, 'none', 'Still there?', 'Keep it?')`,
    );
    const toSending = rdb.prepare(
      `UPDATE campaigns SET status = 'sending', scheduled_at = ?, send_started_at = ?, deadline_at = ? WHERE id = ?`,
    );
    const r = timeIt(() =>
      rdb
        .transaction(() => {
          const cohort = Number(
            insCampaign.run(policy.id, parent.segment, parent.holdoutPct, parent.seed + 1, id, day, ctx.now, ctx.now)
              .lastInsertRowid,
          );
          const vs = variants.map((v) => ({
            id: Number(insVariant.run(cohort, v.key, v.name, v.splitPct).lastInsertRowid),
            splitPct: v.splitPct,
          }));
          const sql = queueSql(
            { ...parent, seed: parent.seed + 1 } as never,
            vs as never,
            q.where as never,
            q.from as never,
            { reachableOnly: true } as never,
          );
          const n = rdb
            .prepare(sql as string)
            .run({ ...q.params, campaignId: cohort, at: ctx.now, capSince: ctx.now - 30 * DAY }).changes;
          toSending.run(ctx.now, ctx.now, ctx.now + 30 * DAY, cohort);
          return n;
        })
        .immediate(),
    );
    const rawCkpt = await checkpointed(rdb);
    closeAndRemove(rdb);

    const adb = openServerCopy(ctx, 'always-on-app', prepared);
    resetPeakRss();
    const a = timeIt(
      () => enrol(adb as never, { day, at: ctx.now } as never) as { cohorts: number; enrolled: number; held_out: number },
    );
    const peak = peakRssMb();
    const appCkpt = await checkpointed(adb);
    closeAndRemove(adb);
    removeCopy(prepared);
    const ratio = a.ms / r.ms;
    const agree = a.value.enrolled === r.value && a.value.cohorts === 1;
    return [
      {
        step,
        ...measured('set', a.ms, r.ms),
        result: fmtMs(a.ms),
        raw: fmtMs(r.ms),
        ratio,
        target,
        status: agree ? judge(a.ms, TARGET_MS, ratio) : 'failed',
        peakRssMb: peak,
        note: `${made.toLocaleString('en')} made dormant today (one UPDATE) beside yesterday's running cohort; ${a.value.enrolled.toLocaleString('en')} enrolled (${a.value.held_out.toLocaleString('en')} holdout)${agree ? '' : `; raw enrolled ${r.value}: they disagree`}. Raw = the cohort row, its variants, the reachable-only queueing statement and the switch to sending, bare in one transaction. ${checkpointNote(appCkpt, rawCkpt)}`,
      },
    ];
  } catch (err) {
    return [failed(step, err, target)];
  }
}
