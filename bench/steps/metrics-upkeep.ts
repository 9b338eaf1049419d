import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { type BenchContext, closeAndRemove, closeForCopy, fn, load, openCopy, openServerCopy, removeCopy } from '../lib/context';
import { benchStaffId, prepareApprovedBatch } from '../lib/fixtures';
import { timeAsync, timeIt } from '../lib/measure';
import { failed, fmtMs, measured, notAvailable, type Row } from '../lib/table';
import { csvCell, generate } from './csv';

// What keeping the overview's member histogram current costs the big writes (decision 031): the
// member triggers (migration 0023) record each bucket move in metrics_member_deltas in the writing
// transaction, and applyMemberDeltas folds them in on the next overview read. Each write is timed
// on two copies of the same database, with the triggers and with them dropped (as before).

const TRIGGERS = ['members_metrics_insert', 'members_metrics_delete', 'members_metrics_update'];
const dropTriggers = (db: Database.Database) => {
  for (const t of TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${t}`);
};
const deltaCount = (db: Database.Database) => db.prepare('SELECT count(*) FROM metrics_member_deltas').pluck().get() as number;

type Apply = (sqlite: Database.Database, at: number) => boolean;
type Refresh = (sqlite: Database.Database, at: number) => void;

/** Times `write` with and without the triggers, then the fold of the deltas it left. */
async function compare(
  ctx: BenchContext,
  from: string,
  write: (db: Database.Database) => unknown | Promise<unknown>,
  refresh: Refresh,
  apply: Apply,
) {
  const without = openServerCopy(ctx, 'upkeep-before', from);
  dropTriggers(without);
  const before = await timeAsync(async () => write(without));
  closeAndRemove(without);
  const withTriggers = openServerCopy(ctx, 'upkeep-after', from);
  const after = await timeAsync(async () => write(withTriggers));
  const deltas = deltaCount(withTriggers);
  const fold = timeIt(() => apply(withTriggers, ctx.now + 1_000));
  closeAndRemove(withTriggers);
  return { before: before.ms, after: after.ms, deltas, fold: fold.ms, refresh };
}

// The write's time with the triggers; the same write without them is the twin.
const row = (step: string, r: Awaited<ReturnType<typeof compare>>): Row => ({
  step,
  ...measured('set', r.after, r.before),
  result: `+${fmtMs(Math.max(0, r.after - r.before))} (${fmtMs(r.after)} vs ${fmtMs(r.before)})`,
  target: 'info',
  status: 'info',
  note: `With the member triggers vs the same write with them dropped (before), each on its own copy. ${r.deltas.toLocaleString('en')} delta rows written; folding them into the histogram on the next overview read took ${fmtMs(r.fold)} (one transaction, no pass over members).`,
});

export async function benchMetricsUpkeep(ctx: BenchContext, batchSize: number, events: number): Promise<Row[]> {
  const step = 'Overview figures kept current: cost added to the big writes';
  const refresh = fn(await load('@/db/metrics-refresh'), 'refreshMemberHistogram') as Refresh | null;
  const apply = fn(await load('@/db/metrics-refresh'), 'applyMemberDeltas') as Apply | null;
  const execute = fn(await load('@/lib/batches/execute'), 'executeBatch');
  const importer = fn(await load('@/lib/ingest/events-csv'), 'importEventsCsv');
  if (!refresh || !apply || !execute || !importer)
    return [notAvailable(step, 'applyMemberDeltas, executeBatch or importEventsCsv missing')];
  const rows: Row[] = [];
  try {
    const prep = openCopy(ctx, 'upkeep-prepared');
    refresh(prep, ctx.now);
    const { batchId } = prepareApprovedBatch(prep, batchSize, ctx.now);
    const staffId = benchStaffId(prep);
    prep.exec('DELETE FROM metrics_member_deltas'); // the preparation's own moves
    const evs = generate(ctx, prep, events);
    closeForCopy(prep);
    const prepared = `${ctx.tmp}/upkeep-prepared.db`;
    const actor = { id: staffId, label: 'bench@rekindle.local' };
    const batch = await compare(
      ctx,
      prepared,
      (db) => execute(db as never, batchId as never, actor as never, ctx.now as never),
      refresh,
      apply,
    );
    rows.push(row(`${step}: executing a ${batchSize.toLocaleString('en')}-member batch`, batch));

    const file = path.join(ctx.tmp, 'upkeep-events.csv');
    const lines = evs.map((e) => [e.account, csvCell(e.title), new Date(e.at).toISOString(), e.seconds].join(','));
    fs.writeFileSync(file, `account_id,title,watched_at,seconds\n${lines.join('\n')}\n`);
    const imported = await compare(
      ctx,
      prepared,
      (db) =>
        importer(db as never, fs.createReadStream(file) as never, { now: ctx.now, actor: { id: null, label: 'bench' } } as never),
      refresh,
      apply,
    );
    rows.push(row(`${step}: CSV import of ${events.toLocaleString('en')} viewing events`, imported));
    fs.rmSync(file, { force: true });
    removeCopy(prepared);
  } catch (err) {
    rows.push(failed(step, err));
  }
  return rows;
}
