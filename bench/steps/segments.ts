import type Database from 'better-sqlite3';
import { type BenchContext, closeAndRemove, fn, load, openCopy } from '../lib/context';
import { createBenchCampaign, makeDormant } from '../lib/fixtures';
import { percentile, timeIt } from '../lib/measure';
import { failed, fmtMs, judge, measured, notAvailable, type Row } from '../lib/table';

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

type CountFns = {
  count: (...a: never[]) => unknown;
  where: (...a: never[]) => unknown;
  policy: unknown;
  now: number;
};

/**
 * One row per typical filter: countSegment (the builder's live count) against the segment by its
 * definition (its WHERE clause, suppressed members left out) as one statement; both must agree.
 */
function countRows(
  sqlite: Database.Database,
  empty: Filters,
  fns: CountFns,
  o: { prefix: string; iterations: number; note: string },
): Row[] {
  return typicalFilters(sqlite, empty).map(({ label, f }) => {
    const step = `${o.prefix}: ${label}`;
    try {
      const q = fns.where(f as never, fns.policy as never, fns.now as never) as {
        where: string;
        params: Record<string, unknown>;
      };
      const stmt = sqlite.prepare(
        `SELECT count(*) AS n FROM members m WHERE ${q.where} AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.member_id = m.id)`,
      );
      const { app, raw } = samplePair(
        o.iterations,
        () => fns.count(sqlite as never, f as never, fns.now as never) as number,
        () => (stmt.get(q.params) as { n: number }).n,
      );
      const ratio = app.p95 / raw.p95;
      return {
        step,
        ...measured('count', app.p95, raw.p95),
        result: `p95 ${fmtMs(app.p95)} (p50 ${fmtMs(app.p50)})`,
        raw: `p95 ${fmtMs(raw.p95)} (p50 ${fmtMs(raw.p50)})`,
        ratio,
        target: `p95 ≤ ${TARGET_MS} ms`,
        status: app.n === raw.n ? judge(app.p95, TARGET_MS, ratio) : 'failed',
        note:
          app.n === raw.n
            ? `${app.n.toLocaleString('en')} members.${o.note}`
            : `app counted ${app.n}, raw SQL ${raw.n}: they disagree`,
      };
    } catch (err) {
      return failed(step, err);
    }
  });
}

/** countSegment (the builder's live count) vs the same WHERE clause as one prepared statement. */
export async function benchSegments(ctx: BenchContext): Promise<Row[]> {
  const seg = await load('@/db/segments');
  const lib = await load<{ EMPTY_SEGMENT?: Filters }>('@/lib/domain/campaigns/segment');
  const count = fn(seg, 'countSegment');
  const where = fn(seg, 'segmentSql');
  const policyFn = fn(seg, 'currentPolicyRow');
  if (!count || !where || !policyFn || !lib?.EMPTY_SEGMENT)
    return [notAvailable('Segment count', 'db/segments.ts has no countSegment/segmentSql yet', `p95 ≤ ${TARGET_MS} ms`)];
  const sqlite = openCopy(ctx, 'segments');
  const rows: Row[] = [];
  try {
    rows.push(
      ...countRows(
        sqlite,
        lib.EMPTY_SEGMENT,
        { count, where, policy: policyFn(sqlite as never), now: ctx.now },
        {
          prefix: 'Segment count',
          iterations: ctx.quick ? 60 : 40,
          note: '',
        },
      ),
    );
  } finally {
    closeAndRemove(sqlite);
  }
  return rows;
}

/**
 * The live count while a campaign of `size` recipients is running (queued and holdout members are
 * still 'dormant', so the count must leave them out), after their flags are written; plus how long
 * writing those flags takes and what one count costs before they are.
 */
export async function benchSegmentsRunning(ctx: BenchContext, size: number): Promise<Row[]> {
  const label = `while a ${size.toLocaleString('en')}-recipient campaign is running`;
  const seg = await load('@/db/segments');
  const camp = await load('@/db/campaigns');
  const flags = await load('@/lib/campaigns/running-flags');
  const lib = await load<{ EMPTY_SEGMENT?: Filters }>('@/lib/domain/campaigns/segment');
  const count = fn(seg, 'countSegment');
  const where = fn(seg, 'segmentSql');
  const policyFn = fn(seg, 'currentPolicyRow');
  const queue = fn(camp, 'queueCampaignMembers');
  const flagAll = fn(flags, 'flagRunningMembers');
  if (!count || !where || !policyFn || !queue || !flagAll || !lib?.EMPTY_SEGMENT)
    return [
      notAvailable(
        `Segment count ${label}`,
        'lib/campaigns/running-flags.ts has no flagRunningMembers yet',
        `p95 ≤ ${TARGET_MS} ms`,
      ),
    ];
  const empty = lib.EMPTY_SEGMENT;
  const sqlite = openCopy(ctx, 'segments-running');
  const rows: Row[] = [];
  try {
    // Set-up (not measured): N dormant members, a campaign over all of them queued and sending.
    makeDormant(sqlite, size, ctx.now);
    const campaignId = createBenchCampaign(sqlite, { name: 'Bench running campaign', seed: 54321, segment: empty, at: ctx.now });
    queue(sqlite as never, campaignId as never, ctx.now as never);
    sqlite.prepare(`UPDATE campaigns SET status = 'sending' WHERE id = ?`).run(campaignId);

    const before = timeIt(() => count(sqlite as never, empty as never, ctx.now as never) as number);
    const flagged = timeIt(() => flagAll(sqlite as never, campaignId as never, ctx.now as never));
    rows.push({
      step: `Flagging the recipients of a running ${size.toLocaleString('en')}-member campaign for the live count (flagRunningMembers)`,
      ...measured('set', flagged.ms),
      result: fmtMs(flagged.ms),
      target: 'no target set',
      status: 'info',
      note: `Runs after queueing, in 25,000-member transactions with the event loop free in between (not part of queuing). Until it ends the count takes the exact slower path: one count then took ${fmtMs(before.ms)}. The bench's dormant members are the first ${size.toLocaleString('en')} ids (contiguous rows); scattered ones would dirty more pages.`,
    });

    rows.push(
      ...countRows(
        sqlite,
        empty,
        { count, where, policy: policyFn(sqlite as never), now: ctx.now },
        {
          prefix: `Segment count ${label}`,
          iterations: ctx.quick ? 20 : 15,
          note: ' Raw = the segment by its definition (running recipients left out by NOT IN), which must give the same number.',
        },
      ),
    );
  } catch (err) {
    rows.push(failed(`Segment count ${label}`, err));
  } finally {
    closeAndRemove(sqlite);
  }
  return rows;
}
