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
import { benchStaffId, prepareApprovedBatch } from '../lib/fixtures';
import { peakRssMb, resetPeakRss, timeIt } from '../lib/measure';
import { rawCancelBatchSql, rawExecuteBatchSql } from '../lib/raw-batch';
import { failed, fmtMs, judge, measured, notAvailable, type Row } from '../lib/table';

const TARGET_MS = 8_000;

/** executeBatch on an approved batch of N members vs its own SQL bare (bench/lib/raw-batch.ts) and the bare UPDATE, each on its own copy. */
export async function benchBatch(ctx: BenchContext, size: number): Promise<Row[]> {
  const step = `Executing a ${size.toLocaleString('en')}-member cancellation batch (executeBatch)`;
  const target = `≤ ${TARGET_MS / 1000} s`;
  const execute = fn(await load('@/lib/batches/execute'), 'executeBatch');
  if (!execute) return [notAvailable(step, 'lib/batches/execute.ts has no executeBatch yet', target)];
  try {
    const prep = openCopy(ctx, 'batch-prepared');
    const { batchId, members } = prepareApprovedBatch(prep, size, ctx.now);
    const staffId = benchStaffId(prep);
    closeForCopy(prep);
    const prepared = `${ctx.tmp}/batch-prepared.db`;

    const rdb = openServerCopy(ctx, 'batch-raw', prepared);
    const r = timeIt(() => rawExecuteBatchSql(rdb, batchId, ctx.now));
    const rawCkpt = await checkpointed(rdb);
    closeAndRemove(rdb);
    const bdb = openServerCopy(ctx, 'batch-bare', prepared);
    const b = timeIt(() => rawCancelBatchSql(bdb, batchId, ctx.now));
    closeAndRemove(bdb);

    const adb = openServerCopy(ctx, 'batch-app', prepared);
    resetPeakRss();
    const a = timeIt(
      () =>
        execute(adb as never, batchId as never, { id: staffId, label: 'bench@rekindle.local' } as never, ctx.now as never) as {
          cancelled: number;
          skipped: number;
        },
    );
    const peak = peakRssMb();
    const appCkpt = await checkpointed(adb);
    closeAndRemove(adb);
    removeCopy(prepared);
    const ratio = a.ms / r.ms;
    return [
      {
        step,
        ...measured('set', a.ms, r.ms),
        result: fmtMs(a.ms),
        raw: fmtMs(r.ms),
        ratio,
        target,
        // Every member is either cancelled or skipped by the execution's own re-check (a member who
        // answered, watched or bounced since the proposal), and the bare statements agree.
        status:
          a.value.cancelled === r.value && a.value.cancelled + a.value.skipped === members
            ? judge(a.ms, TARGET_MS, ratio)
            : 'failed',
        peakRssMb: peak,
        note: `${a.value.cancelled.toLocaleString('en')} cancelled, ${a.value.skipped} skipped by the re-check (raw: ${r.value.toLocaleString('en')} cancelled). Raw = rawExecuteBatchSql: the execution's own three statements (re-check and record each member, cancel, release the skipped) run bare in one transaction. The bare cancelling UPDATE alone, with no re-check or record: ${fmtMs(b.ms)}. ${checkpointNote(appCkpt, rawCkpt)}`,
      },
    ];
  } catch (err) {
    return [failed(step, err, target)];
  }
}
