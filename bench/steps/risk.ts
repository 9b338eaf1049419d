import { type BenchContext, closeAndRemove, fn, load, openCopy } from '../lib/context';
import { peakRssMb, resetPeakRss, timeIt } from '../lib/measure';
import { failed, fmtMs, judge, notAvailable, type Row } from '../lib/table';

const STEP = 'At-risk scoring and backtest (scoreRisk)';
const TARGET_MS = 10_000;

/** The app's chunked scoring run (scores, daily counts, backtest) vs the same statements run bare (rawScoreSql). */
export async function benchRisk(ctx: BenchContext): Promise<Row[]> {
  const score = fn(await load('@/lib/risk/score'), 'scoreRisk');
  const rawSql = fn(await load('@/db/risk'), 'rawScoreSql');
  const policyRow = fn(await load('@/db/policy'), 'policyRow');
  const drizzleFor = fn(await load('@/db/client'), 'drizzleFor');
  if (!score || !rawSql || !policyRow || !drizzleFor)
    return [notAvailable(STEP, 'lib/risk/score.ts has no scoreRisk yet', `≤ ${TARGET_MS / 1000} s`)];
  const day = new Date(ctx.now).toISOString().slice(0, 10);
  try {
    const raw = openCopy(ctx, 'risk-raw');
    const policy = policyRow(drizzleFor(raw as never) as never) as { id: number };
    const sql = rawSql(ctx.now as never, day as never, policy as never, policy.id as never) as string;
    const r = timeIt(() => raw.exec(sql));
    closeAndRemove(raw);

    const app = openCopy(ctx, 'risk-app');
    resetPeakRss();
    const a = timeIt(() => score(app as never, { day, at: ctx.now } as never) as Record<string, number>);
    const peak = peakRssMb();
    closeAndRemove(app);
    const ratio = a.ms / r.ms;
    return [
      {
        step: STEP,
        result: fmtMs(a.ms),
        raw: fmtMs(r.ms),
        ratio,
        target: `≤ ${TARGET_MS / 1000} s, app/raw ≤ 1.2`,
        status: judge(a.ms, TARGET_MS, ratio),
        peakRssMb: peak,
        note: `${(a.value.scored ?? 0).toLocaleString('en')} active members scored (${(a.value.high ?? 0).toLocaleString('en')} high, ${(a.value.medium ?? 0).toLocaleString('en')} medium); backtest AUC ${(a.value.backtestAuc ?? Number.NaN).toFixed(3)}`,
      },
    ];
  } catch (err) {
    return [failed(STEP, err, `≤ ${TARGET_MS / 1000} s`)];
  }
}
