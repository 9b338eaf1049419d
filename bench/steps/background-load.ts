import { chromium } from '@playwright/test';
import Database from 'better-sqlite3';
import { CYCLE_JOBS } from '@/lib/cycle/registry';
import { dayOf } from '@/lib/domain/cycle/schedule';
import { DAY_MS } from '@/lib/domain/time';
import { ROLL_UP_AT } from '@/lib/ingest/roll-up';
import { CHROMIUM_ARGS } from '../lib/browser';
import { type BenchContext, freshCopy, removeCopy } from '../lib/context';
import { prepareApprovedBatch } from '../lib/fixtures';
import { CONNECTIONS, floorOf, fmtSpread, LOAD_PAGE, type Load, overlapping, startLoad, TARGET_P99_MS } from '../lib/load';
import { BENCH_API_KEY, benchSession, ensureBuild, startServer } from '../lib/server';
import { failed, fmtMs, judge, measured, type Row } from '../lib/table';

// No request waits behind background work: 20 signed-in users load a page while the production
// server runs, one at a time, the roll-up of recent views, risk scoring, a batch's execution and
// the whole daily cycle — each started the way the product starts it (an API batch that finds
// enough views waiting, "Run now" requests the in-server scheduler picks up, the Execute button
// clicked in Chromium). A row per job: the users' p50/p95/p99 while it ran, beside the same load
// with nothing running. The import's row is import-load's.

const POLL_MS = 100;
const JOB_TIMEOUT_MS = 15 * 60_000;

/** `n` recent views (distinct keys) spread over the members, so the first API batch starts a roll-up. */
function fillRecentViews(sqlite: Database.Database, n: number, at: number) {
  const { maxMember, titles, minTitle } = sqlite
    .prepare('SELECT (SELECT max(id) FROM members) AS maxMember, count(*) AS titles, min(id) AS minTitle FROM titles')
    .get() as { maxMember: number; titles: number; minTitle: number };
  sqlite
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
       INSERT OR IGNORE INTO viewing_events_recent (member_id, watched_at, title_id, seconds_watched)
       SELECT (i % ?) + 1, ? - i, (i % ?) + ?, 60 + (i % 3000) FROM n`,
    )
    .run(n, maxMember, at - 3_600_000, titles, minTitle);
}

/** Marks every job of the cycle done for a day ahead, so the scheduler runs only what the bench queues. */
function holdScheduledCycle(sqlite: Database.Database, at: number) {
  const day = dayOf(at + 2 * DAY_MS);
  const insert = sqlite.prepare(
    `INSERT INTO cycle_runs (job, day, trigger, status, attempt, started_at, finished_at)
     VALUES (?, ?, 'schedule', 'done', 1, ?, ?)
     ON CONFLICT (job, day) WHERE trigger = 'schedule' DO UPDATE SET status = 'done', next_attempt_at = NULL`,
  );
  for (const j of CYCLE_JOBS) insert.run(j.name, day, at, at);
}

/** "Run now" requests, as the Operations page's action records them; returns their ids. */
function queueRunNow(file: string, jobs: string[]): number[] {
  const db = new Database(file);
  try {
    const insert = db.prepare(
      `INSERT INTO cycle_runs (job, day, trigger, status, attempt, requested_by, requested_at)
       VALUES (?, ?, 'manual', 'queued', 0, 'bench', ?) RETURNING id`,
    );
    return db.transaction(() => jobs.map((j) => (insert.get(j, dayOf(Date.now()), Date.now()) as { id: number }).id))();
  } finally {
    db.close();
  }
}

/** Polls `read` on a read-only connection until it returns a value other than null. */
async function pollUntil<T>(file: string, read: (db: Database.Database) => T | null): Promise<T> {
  const db = new Database(file, { readonly: true });
  const deadline = performance.now() + JOB_TIMEOUT_MS;
  try {
    for (;;) {
      const v = read(db);
      if (v != null) return v;
      if (performance.now() > deadline) throw new Error(`not finished within ${JOB_TIMEOUT_MS / 60_000} min`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    db.close();
  }
}

/** Waits for the cycle runs `ids` to end; throws with the first failure's error. */
async function runsEnded(file: string, ids: number[]) {
  const rows = await pollUntil(file, (db) => {
    const r = db
      .prepare(`SELECT job, status, error FROM cycle_runs WHERE id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids) as { job: string; status: string; error: string | null }[];
    return r.every((x) => x.status === 'done' || x.status === 'failed') ? r : null;
  });
  const bad = rows.find((r) => r.status === 'failed');
  if (bad) throw new Error(`${bad.job} failed: ${bad.error}`);
}

/** Waits till every connection has been answered a request sent after `t1` (at most 60 s): stopping sooner drops the answers in flight. */
async function settled(load: Load, t1: number) {
  const deadline = performance.now() + 60_000;
  while (load.times.filter((t) => t.at - t.ms > t1).length < CONNECTIONS && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
}

type Job = { name: string; run: () => Promise<string> };

/** Each run's start and end (wall clock) as the server recorded them, in order. */
function runWindows(file: string, ids: number[]): { job: string; from: number; to: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT job, started_at AS "from", finished_at AS "to" FROM cycle_runs WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY started_at`,
      )
      .all(...ids) as { job: string; from: number; to: number }[];
  } finally {
    db.close();
  }
}
/** performance.now() of a wall-clock instant (the load's times are performance.now()). */
const wallToPerf = (ms: number) => ms - (Date.now() - performance.now());

export async function benchBackgroundLoad(
  ctx: BenchContext,
  opts: { rebuild: boolean; durationS: number; batchSize: number; recentViews: number },
): Promise<Row[]> {
  const stepOf = (job: string) => `Requests during ${job} (${CONNECTIONS} signed-in users, GET ${LOAD_PAGE})`;
  const target = `p99 ≤ ${TARGET_P99_MS} ms`;
  try {
    ensureBuild(opts.rebuild, ctx.log);
  } catch (err) {
    return [failed(stepOf('background work'), err, target)];
  }
  const file = freshCopy(ctx, 'background-load');
  const sqlite = new Database(file);
  const cookies = Array.from({ length: CONNECTIONS + 1 }, () => `rk_session=${benchSession(sqlite)}`);
  const executor = cookies.pop() as string;
  const { batchId, members } = prepareApprovedBatch(sqlite, opts.batchSize, ctx.now);
  const recent = Math.max(ROLL_UP_AT, opts.recentViews);
  fillRecentViews(sqlite, recent, ctx.now);
  holdScheduledCycle(sqlite, Date.now());
  const account = sqlite.prepare(`SELECT account_id FROM members WHERE status = 'active' LIMIT 1`).pluck().get() as string;
  const title = sqlite.prepare('SELECT name FROM titles LIMIT 1').pluck().get() as string;
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  ctx.log(
    `background load: ${recent.toLocaleString('en')} recent views waiting, a ${members.toLocaleString('en')}-member batch approved`,
  );

  const server = await startServer(file, ctx.log, undefined, {
    DISABLE_CYCLE: '0',
    CYCLE_TICK_MS: '250',
    INGEST_API_KEY: BENCH_API_KEY,
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const rows: Row[] = [];
  try {
    const [name, value] = executor.split('=') as [string, string];
    const context = await browser.newContext();
    await context.addCookies([{ name, value, url: server.base }]);
    const page = await context.newPage();

    await startLoad(server.base, cookies, 1).done; // warm-up
    const floor = await floorOf(server.base, cookies, opts.durationS);

    let cycleWindows: { job: string; from: number; to: number }[] = [];
    const jobs: Job[] = [
      {
        name: `the roll-up of ${recent.toLocaleString('en')} recent views`,
        run: async () => {
          // One API batch: the server counts what waits and starts the roll-up in the background.
          const r = await fetch(`${server.base}/api/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              events: [{ account_id: account, title, watched_at: new Date(Date.now() - 60_000).toISOString(), seconds: 600 }],
            }),
          });
          if (!r.ok) throw new Error(`POST /api/events: ${r.status} ${await r.text()}`);
          await pollUntil(file, (db) => (db.prepare('SELECT 1 FROM viewing_events_recent LIMIT 1').get() ? null : true));
          return 'started by one POST /api/events (lib/ingest/roll-up.ts noteRecentViews), ended when the recent table was empty';
        },
      },
      {
        name: 'risk scoring',
        run: async () => {
          await runsEnded(file, queueRunNow(file, ['risk-score']));
          return '"Run now" of risk-score, run by the in-server scheduler (CYCLE_TICK_MS 250)';
        },
      },
      {
        name: `the execution of a ${members.toLocaleString('en')}-member batch`,
        run: async () => {
          await page.getByRole('button', { name: 'Execute batch' }).click();
          await pollUntil(file, (db) =>
            db.prepare(`SELECT 1 FROM batches WHERE id = ? AND status = 'executed'`).get(batchId) ? true : null,
          );
          return '"Execute batch" clicked in Chromium (the server action), ended when the batch was executed';
        },
      },
      {
        name: 'the daily cycle',
        run: async () => {
          const ids = queueRunNow(
            file,
            CYCLE_JOBS.map((j) => j.name),
          );
          await runsEnded(file, ids);
          cycleWindows = runWindows(file, ids);
          return `"Run now" of its ${CYCLE_JOBS.length} jobs in order (${CYCLE_JOBS.map((j) => j.name).join(', ')}), run by the in-server scheduler`;
        },
      },
    ];
    for (const job of jobs) {
      const step = stepOf(job.name);
      try {
        if (job.name.includes('batch')) await page.goto(`${server.base}/batches/${batchId}`, { waitUntil: 'networkidle' });
        const load = startLoad(server.base, cookies, 3600);
        await new Promise((r) => setTimeout(r, 500));
        const t0 = performance.now();
        let how: string;
        let t1: number;
        try {
          how = await job.run();
          t1 = performance.now();
          await settled(load, t1);
        } finally {
          load.stop();
        }
        await load.done;
        const s = overlapping(load, t0, t1);
        rows.push({
          step,
          ...measured('page', s.p95),
          result: `${fmtSpread(s)} (nothing running: ${fmtSpread(floor)})`,
          target,
          status: load.bad() > 0 || !s.n ? 'failed' : judge(s.p99, TARGET_P99_MS),
          note: [
            `the job took ${fmtMs(t1 - t0)}; ${s.n} requests in flight while it ran, ${floor.n} with nothing running`,
            how,
            load.bad() ? `${load.bad()} answers not 200` : '',
            s.n < 100 ? 'few requests: the p99 is their slowest' : '',
            // Which job the slow requests overlapped: each run's window as the server recorded it.
            job.name === 'the daily cycle' && cycleWindows.length
              ? `per job (its time; p99 of the requests in flight during it): ${cycleWindows
                  .map((w) => {
                    const o = overlapping(load, wallToPerf(w.from), wallToPerf(w.to));
                    return `${w.job} ${fmtMs(w.to - w.from)}${o.n ? `, p99 ${fmtMs(o.p99)} of ${o.n}` : ''}`;
                  })
                  .join('; ')}`
              : '',
          ]
            .filter(Boolean)
            .join('; '),
        });
      } catch (err) {
        rows.push(failed(step, err, target));
      }
      ctx.log(`${step}: ${rows.at(-1)?.result} — ${rows.at(-1)?.status}`);
    }
  } catch (err) {
    rows.push(failed(stepOf('background work'), err, target));
  } finally {
    await browser.close();
    await server.stop();
    removeCopy(file);
  }
  return rows;
}
