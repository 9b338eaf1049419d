import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { mulberry32 } from '@/db/seed/context';
import { type BenchContext, freshCopy, removeCopy } from '../lib/context';
import { CONNECTIONS, fmtSpread as fmt, LOAD_PAGE as PAGE, spread, startLoad, TARGET_P99_MS } from '../lib/load';
import { watchPeakRss } from '../lib/measure';
import { benchSession, ensureBuild, startServer } from '../lib/server';
import { failed, fmtMs, judge, measured, type Row } from '../lib/table';

// A big events CSV imported through the production server while 20 signed-in users load a page:
// their latencies during the import beside the same load with no import (the floor), the import's
// time and write phase, and the server's peak RSS.

const DAY = 86_400_000;

/** `events` plausible views of existing members in the last 30 days, written as a CSV file. */
function writeCsv(ctx: BenchContext, file: string, dbFile: string, events: number): number {
  const db = new Database(dbFile, { readonly: true });
  const accounts = db
    .prepare(`SELECT account_id FROM members WHERE joined_at < ? AND status <> 'cancelled' ORDER BY random() LIMIT ?`)
    .pluck()
    .all(ctx.now - 60 * DAY, Math.max(1, Math.floor(events / 4))) as string[];
  const titles = (db.prepare('SELECT name FROM titles ORDER BY id LIMIT 500').pluck().all() as string[]).map((t) =>
    /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t,
  );
  db.close();
  if (!accounts.length || !titles.length) throw new Error('the seeded database has no members or titles');
  const rand = mulberry32(7);
  const fd = fs.openSync(file, 'w');
  let buf = 'account_id,title,watched_at,seconds\n';
  for (let i = 0; i < events; i++) {
    const a = accounts[Math.floor(rand() * accounts.length)];
    const t = titles[Math.floor(rand() * titles.length)];
    buf += `${a},${t},${new Date(ctx.now - Math.floor(rand() * 30 * DAY)).toISOString()},${60 + Math.floor(rand() * 5000)}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

/** Polls the import's progress; returns when the write phase was first seen. */
function watchPhases(base: string, cookie: string, id: string) {
  let writingAt: number | null = null;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const r = await fetch(`${base}/api/import/progress?id=${id}`, { headers: { cookie } });
        const body = (await r.json()) as { progress?: { phase: string } | null };
        if (body.progress?.phase === 'writing' && writingAt === null) writingAt = performance.now();
      } catch {
        // the next poll tries again
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return writingAt;
    },
  };
}

export async function benchImportLoad(ctx: BenchContext, opts: { rebuild: boolean; durationS: number; events: number }) {
  const step = `Pages while a ${opts.events.toLocaleString('en')}-event CSV imports (${CONNECTIONS} signed-in users, GET ${PAGE})`;
  let build: string;
  try {
    build = ensureBuild(opts.rebuild, ctx.log);
  } catch (err) {
    return [failed(step, err)];
  }
  const file = freshCopy(ctx, 'import-load');
  const csv = path.join(ctx.tmp, 'import-load.csv');
  const bytes = writeCsv(ctx, csv, file, opts.events);
  const sqlite = new Database(file);
  const cookies = Array.from({ length: CONNECTIONS + 1 }, () => `rk_session=${benchSession(sqlite)}`);
  sqlite.close();
  const importer = cookies.pop() as string;
  const server = await startServer(file, ctx.log);
  try {
    await startLoad(server.base, cookies, 1).done; // warm-up
    const floorRun = startLoad(server.base, cookies, opts.durationS);
    await floorRun.done;
    const floor = spread(floorRun.times.map((t) => t.ms));

    const rss = watchPeakRss(server.pid, 100);
    rss.resetTree();
    const load = startLoad(server.base, cookies, 3600);
    await new Promise((r) => setTimeout(r, 500));
    const id = `bench-${Date.now()}`;
    const phases = watchPhases(server.base, importer, id);
    const t0 = performance.now();
    const res = await fetch(`${server.base}/api/import/events`, {
      method: 'POST',
      headers: { cookie: importer, 'content-type': 'text/csv', 'content-length': String(bytes), 'x-import-id': id },
      body: Readable.toWeb(fs.createReadStream(csv, { highWaterMark: 64 * 1024 })) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const outcome = (await res.json()) as { ok: boolean; inserted?: number; message?: string };
    const t1 = performance.now();
    load.stop();
    await load.done;
    const writingAt = await phases.stop();
    const peak = rss.stop();
    if (!outcome.ok) throw new Error(`the import was refused: ${outcome.message}`);
    const during = spread(load.times.filter((t) => t.at - t.ms >= t0 && t.at <= t1).map((t) => t.ms));
    const inWrite = writingAt ? spread(load.times.filter((t) => t.at - t.ms >= writingAt && t.at <= t1).map((t) => t.ms)) : null;
    const mb = (bytes / 1024 / 1024).toFixed(0);
    return [
      {
        step,
        ...measured('page', during.p95),
        result: `${fmt(during)} (no import: ${fmt(floor)})`,
        target: `p99 ≤ ${TARGET_P99_MS} ms`,
        status: load.bad() > 0 ? 'failed' : judge(during.p99, TARGET_P99_MS),
        note: [
          `${during.n} requests answered during the ${fmtMs(t1 - t0)} import, ${floor.n} in the ${opts.durationS} s floor run`,
          inWrite
            ? `during the write phase alone (${fmtMs(t1 - (writingAt as number))}): ${fmt(inWrite)} over ${inWrite.n} requests`
            : '',
          load.bad() ? `${load.bad()} answers not 200` : '',
          'every page rendered by next start; the import runs on a worker thread with its own connection (lib/runtime/import-thread.ts)',
        ]
          .filter(Boolean)
          .join('; '),
      },
      {
        step: `Import of that ${mb} MB CSV through POST /api/import/events under the same load`,
        ...measured('set', t1 - t0),
        result: `${fmtMs(t1 - t0)} (${Math.round((opts.events / (t1 - t0)) * 1000).toLocaleString('en')} events/s)`,
        status: 'info',
        peakRssMb: peak,
        note: `${(outcome.inserted ?? 0).toLocaleString('en')} inserted. Write phase (one transaction: the write lock's hold, as seen by 100 ms polls of the progress) ${writingAt ? fmtMs(t1 - writingAt) : 'not seen'}. Peak RSS: the server process during the import (${build}).`,
      },
    ] satisfies Row[];
  } catch (err) {
    return [failed(step, err)];
  } finally {
    await server.stop();
    removeCopy(file);
    fs.rmSync(csv, { force: true });
  }
}
