import type Database from 'better-sqlite3';
import { type BenchContext, closeAndRemove, fn, load, openCopy } from '../lib/context';
import { percentile } from '../lib/measure';
import { failed, fmtMs, judge, notAvailable, type Row } from '../lib/table';

const TARGET_MS = 150;

type Filters = Record<string, unknown>;

/** Three filters a CX manager typically builds, from the values the population actually holds. */
function typicalFilters(sqlite: Database.Database, empty: Filters): { label: string; f: Filters }[] {
  const top = (col: string, n: number) =>
    (
      sqlite.prepare(`SELECT ${col} AS v FROM members GROUP BY ${col} ORDER BY count(*) DESC LIMIT ${n}`).all() as { v: string }[]
    ).map((r) => r.v);
  const [currency] = top('currency', 1);
  const [plan] = top('plan', 1);
  return [
    { label: 'every dormant member', f: { ...empty } },
    {
      label: `countries ${top('country', 2).join('+')}, plan ${plan}`,
      f: { ...empty, countries: top('country', 2), plans: [plan] },
    },
    {
      label: `inactive ≥ 6 months, ${currency} price 5.00–15.00`,
      f: {
        ...empty,
        reasons: ['inactive'],
        minMonthsDormant: 6,
        priceCurrency: currency,
        minPriceMinor: 500,
        maxPriceMinor: 1500,
      },
    },
  ];
}

/** Times `app` and `raw` alternately (after a warm-up of each), so neither gets a warmer cache than the other. */
function samplePair(iterations: number, app: () => number, raw: () => number) {
  for (let i = 0; i < 3; i++) {
    raw();
    app();
  }
  const times = { app: [] as number[], raw: [] as number[] };
  const n = { app: 0, raw: 0 };
  const once = (k: 'app' | 'raw', f: () => number) => {
    const t0 = performance.now();
    n[k] = f();
    times[k].push(performance.now() - t0);
  };
  for (let i = 0; i < iterations; i++) {
    if (i % 2) {
      once('app', app);
      once('raw', raw);
    } else {
      once('raw', raw);
      once('app', app);
    }
  }
  const stats = (k: 'app' | 'raw') => {
    const t = times[k].sort((a, b) => a - b);
    return { p50: percentile(t, 50), p95: percentile(t, 95), n: n[k] };
  };
  return { app: stats('app'), raw: stats('raw') };
}

/** countSegment (the builder's live count) vs the same WHERE clause as one prepared statement. */
export async function benchSegments(ctx: BenchContext): Promise<Row[]> {
  const seg = await load('@/db/segments');
  const lib = await load<{ EMPTY_SEGMENT?: Filters }>('@/lib/campaigns/segment');
  const count = fn(seg, 'countSegment');
  const where = fn(seg, 'segmentSql');
  const policyFn = fn(seg, 'currentPolicyRow');
  if (!count || !where || !policyFn || !lib?.EMPTY_SEGMENT)
    return [notAvailable('Segment count', 'db/segments.ts has no countSegment/segmentSql yet', `p95 ≤ ${TARGET_MS} ms`)];
  const sqlite = openCopy(ctx, 'segments');
  const rows: Row[] = [];
  try {
    const policy = policyFn(sqlite as never);
    for (const { label, f } of typicalFilters(sqlite, lib.EMPTY_SEGMENT)) {
      const step = `Segment count: ${label}`;
      try {
        const q = where(f as never, policy as never, ctx.now as never) as { where: string; params: Record<string, unknown> };
        const stmt = sqlite.prepare(
          `SELECT count(*) AS n FROM members m WHERE ${q.where} AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.member_id = m.id)`,
        );
        const iterations = ctx.quick ? 60 : 40;
        const { app, raw } = samplePair(
          iterations,
          () => count(sqlite as never, f as never, ctx.now as never) as number,
          () => (stmt.get(q.params) as { n: number }).n,
        );
        const ratio = app.p95 / raw.p95;
        rows.push({
          step,
          result: `p95 ${fmtMs(app.p95)} (p50 ${fmtMs(app.p50)})`,
          raw: `p95 ${fmtMs(raw.p95)} (p50 ${fmtMs(raw.p50)})`,
          ratio,
          target: `p95 ≤ ${TARGET_MS} ms`,
          status: app.n === raw.n ? judge(app.p95, TARGET_MS, ratio) : 'failed',
          note:
            app.n === raw.n ? `${app.n.toLocaleString('en')} members` : `app counted ${app.n}, raw SQL ${raw.n}: they disagree`,
        });
      } catch (err) {
        rows.push(failed(step, err));
      }
    }
  } finally {
    closeAndRemove(sqlite);
  }
  return rows;
}
