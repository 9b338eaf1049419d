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
import { createBenchCampaign, makeDormant } from '../lib/fixtures';
import { peakRssMb, resetPeakRss, timeIt } from '../lib/measure';
import { failed, fmtMs, judge, measured, notAvailable, type Row } from '../lib/table';

const TARGET_MS = 5_000;

/** queueCampaignMembers for a draft reaching N dormant members vs its own queueSql run bare. */
export async function benchQueue(ctx: BenchContext, size: number): Promise<Row[]> {
  const step = `Queuing a ${size.toLocaleString('en')}-recipient campaign (queueCampaignMembers)`;
  const target = `≤ ${TARGET_MS / 1000} s`;
  const camp = await load('@/db/campaigns');
  const campSql = await load('@/db/campaigns.sql');
  const seg = await load('@/db/segments');
  const queue = fn(camp, 'queueCampaignMembers');
  const queueSql = fn(campSql, 'queueSql');
  const getCampaign = fn(camp, 'getCampaign');
  const getVariants = fn(camp, 'getVariants');
  const segmentSql = fn(seg, 'segmentSql');
  const policyOf = fn(seg, 'currentPolicyRow');
  const register = fn(seg, 'registerCampaignFunctions');
  if (!queue || !queueSql || !getCampaign || !getVariants || !segmentSql || !policyOf || !register)
    return [notAvailable(step, 'db/campaigns.ts has no queueCampaignMembers (db/campaigns.sql.ts no queueSql) yet', target)];
  try {
    // Set-up (not measured): N members made dormant with one UPDATE, and a draft over every dormant member.
    const prep = openCopy(ctx, 'queue-prepared');
    const dormant = makeDormant(prep, size, ctx.now);
    const campaignId = createBenchCampaign(prep, {
      name: 'Bench queue campaign',
      seed: 12345,
      segment: EMPTY_SEGMENT,
      at: ctx.now,
    });
    closeForCopy(prep);
    const prepared = `${ctx.tmp}/queue-prepared.db`;

    const rdb = openServerCopy(ctx, 'queue-raw', prepared);
    register(rdb as never);
    const c = getCampaign(rdb as never, campaignId as never) as { segment: string };
    const q = segmentSql(parseSegment(c.segment) as never, policyOf(rdb as never) as never, ctx.now as never) as {
      where: string;
      params: Record<string, unknown>;
    };
    const stmt = rdb.prepare(
      queueSql(c as never, getVariants(rdb as never, campaignId as never) as never, q.where as never) as string,
    );
    const params = { ...q.params, campaignId, at: ctx.now, capSince: ctx.now - 30 * 86_400_000 };
    const r = timeIt(() => stmt.run(params).changes);
    const rawCkpt = await checkpointed(rdb);
    closeAndRemove(rdb);

    const adb = openServerCopy(ctx, 'queue-app', prepared);
    resetPeakRss();
    const a = timeIt(
      () => queue(adb as never, campaignId as never, ctx.now as never) as { holdout: number; queued: number; excluded: number },
    );
    const peak = peakRssMb();
    const appCkpt = await checkpointed(adb);
    closeAndRemove(adb);
    removeCopy(prepared);
    const total = a.value.holdout + a.value.queued + a.value.excluded;
    const ratio = a.ms / r.ms;
    return [
      {
        step,
        ...measured('set', a.ms, r.ms),
        result: fmtMs(a.ms),
        raw: fmtMs(r.ms),
        ratio,
        target,
        status: total === r.value ? judge(a.ms, TARGET_MS, ratio) : 'failed',
        peakRssMb: peak,
        note: `${dormant.toLocaleString('en')} made dormant first (one UPDATE); ${a.value.queued.toLocaleString('en')} queued, ${a.value.holdout.toLocaleString('en')} holdout, ${a.value.excluded.toLocaleString('en')} excluded${total === r.value ? '' : `; raw wrote ${r.value}: they disagree`}. ${checkpointNote(appCkpt, rawCkpt)}`,
      },
    ];
  } catch (err) {
    return [failed(step, err, target)];
  }
}
