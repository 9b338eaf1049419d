import { type BenchContext, closeAndRemove, fn, load, openCopy } from '../lib/context';
import { peakRssMb, resetPeakRss, timeIt } from '../lib/measure';
import { failed, fmtMs, judge, measured, notAvailable, type Row } from '../lib/table';

const STEP = 'Dormancy reclassification (scanDormancy)';
const TARGET_MS = 3_000;

/** The app's full scan vs the same statements run bare (rawScanSql), each on its own fresh copy. */
export async function benchDormancy(ctx: BenchContext): Promise<Row[]> {
  const scan = fn(await load('@/db/dormancy'), 'scanDormancy');
  const rawSql = fn(await load('@/db/dormancy.sql'), 'rawScanSql');
  const policyRow = fn(await load('@/db/policy'), 'policyRow');
  const drizzleFor = fn(await load('@/db/client'), 'drizzleFor');
  if (!scan || !rawSql || !policyRow || !drizzleFor)
    return [notAvailable(STEP, 'db/dormancy.ts has no scanDormancy/rawScanSql yet', `≤ ${TARGET_MS / 1000} s`)];
  try {
    const raw = openCopy(ctx, 'dormancy-raw');
    const sql = rawSql(policyRow(drizzleFor(raw as never) as never) as never, ctx.now as never) as string;
    const r = timeIt(() => raw.exec(sql));
    closeAndRemove(raw);

    const app = openCopy(ctx, 'dormancy-app');
    resetPeakRss();
    const a = timeIt(
      () => scan(app as never, { asOf: ctx.now, startedBy: 'bench' } as never) as { dormant: number; scanned: number },
    );
    const peak = peakRssMb();
    closeAndRemove(app);
    const ratio = a.ms / r.ms;
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
        note: `${a.value.scanned.toLocaleString('en')} members scanned, ${a.value.dormant.toLocaleString('en')} dormant`,
      },
    ];
  } catch (err) {
    return [failed(STEP, err, `≤ ${TARGET_MS / 1000} s`)];
  }
}
