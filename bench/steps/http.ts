import http from 'node:http';
import Database from 'better-sqlite3';
import { refreshOverviewAggregates } from '@/db/metrics-refresh';
import { type BrowserRequests, captureBrowserRequests, requestCounts } from '../lib/browser';
import { block, type Req, type Sample, stats } from '../lib/closed-loop';
import { type BenchContext, freshCopy, removeCopy } from '../lib/context';
import { processCpuMs, watchPeakRss } from '../lib/measure';
import { BENCH_API_KEY, benchSession, ensureBuild, SERVER_NOTE, startServer } from '../lib/server';
import { describeSize, kib, measureSize } from '../lib/sizes';
import { failed, fmtMs, judge, measured, RATIO_TARGET, type Row } from '../lib/table';
import { startWriter, WRITES_PER_SECOND, writerData } from '../lib/writer';
import { benchClicks } from './clicks';

// The pages as a browser uses them: signed-in users (one session each) doing full page loads (the
// document request Chromium sends, compressed as Chromium accepts) or client-side navigations (the
// RSC request Chromium sends when the router moves from the overview to the page), at 1, 5 and 20
// concurrent users. Each user is a closed loop on its own keep-alive connection: the next request
// goes when the previous response has fully arrived (time to last byte, so streaming cannot hide a
// slow section). The floor, `/login` requested the same way by an anonymous user, is measured in
// the same run, interleaved in blocks with the page, so other work on the machine moves both alike:
// the ratio page/floor is the figure to compare across runs and machines (target ≤ 1.5). Then
// click → heading in Chromium (clicks.ts), and every cell again while a writer posts events 5×/s.

const TARGET_MS = 150; // p95, for the overview and the members pages (the issue's figure at 20 users)
export const USERS = [1, 5, 20];
export const KINDS = ['full load', 'client navigation'] as const;
export type Kind = (typeof KINDS)[number];

type Page = { key: string; step: string; path: string | null; why?: string; targetMs: number | null; note?: string };
type Cell = { page: Sample[]; floor: Sample[]; pageCpuMs: number; floorCpuMs: number };

/**
 * Page and floor alternated in `rounds` blocks of `blockMs` each, after a short warm-up of both,
 * with the server's CPU time (process `pid`) spent during each side's blocks.
 */
async function measureCell(base: string, page: Req[], floor: Req[], rounds: number, blockMs: number, pid: number): Promise<Cell> {
  const agents = page.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const cell: Cell = { page: [], floor: [], pageCpuMs: 0, floorCpuMs: 0 };
  const timed = async (reqs: Req[], out: Sample[], side: 'pageCpuMs' | 'floorCpuMs') => {
    const c0 = processCpuMs(pid);
    await block(agents, base, reqs, blockMs, out);
    cell[side] += processCpuMs(pid) - c0;
  };
  try {
    await block(agents, base, floor, 100, []);
    await block(agents, base, page, 100, []);
    for (let i = 0; i < rounds; i++) {
      // Alternate which goes first, so neither always follows the other.
      if (i % 2 === 0) {
        await timed(floor, cell.floor, 'floorCpuMs');
        await timed(page, cell.page, 'pageCpuMs');
      } else {
        await timed(page, cell.page, 'pageCpuMs');
        await timed(floor, cell.floor, 'floorCpuMs');
      }
    }
  } finally {
    for (const a of agents) a.destroy();
  }
  return cell;
}

/** The server's CPU per response, page against /login: where the ratio comes from when they match. */
function cpuNote(cell: Cell): string {
  const [p, f] = [cell.pageCpuMs / Math.max(1, cell.page.length), cell.floorCpuMs / Math.max(1, cell.floor.length)];
  return Number.isFinite(p) && Number.isFinite(f) && f > 0
    ? `server CPU per response ${p.toFixed(1)} ms (/login ${f.toFixed(1)} ms, ${(p / f).toFixed(2)}×)`
    : '';
}

/** The requests a user sends for `path` of this kind, with its session cookie (null: anonymous). */
export function requestFor(
  kind: Kind,
  path: string,
  cookie: string | null,
  browser: BrowserRequests,
  navHeadersFrom: string,
): Req {
  const withCookie = (h: Record<string, string>) => (cookie ? { ...h, cookie } : { ...h });
  if (kind === 'full load') return { path, headers: withCookie(browser.document) };
  const nav = browser.navigations.get(path);
  if (nav) return { path: nav.path, headers: withCookie(nav.headers) };
  // The floor: /login requested with the headers of a captured navigation. Next's `_rsc` check
  // hashes those headers only, not the path, so the captured value holds for /login too.
  const from = browser.navigations.get(navHeadersFrom) as { path: string; headers: Record<string, string> };
  const rsc = new URL(from.path, 'http://x').searchParams.get('_rsc');
  return { path: `${path}${rsc ? `?_rsc=${rsc}` : ''}`, headers: withCookie(from.headers) };
}

async function measurePages(
  base: string,
  cookies: string[],
  pages: Page[],
  browser: BrowserRequests,
  opts: { rounds: number; blockMs: number; users: number[]; pid: number },
  log: (m: string) => void,
  suffix = '',
): Promise<Row[]> {
  const rows: Row[] = [];
  const ready = pages.filter((p) => p.path) as (Page & { path: string })[];
  const navFrom = ready[0]?.path as string;
  for (const p of pages) {
    for (const kind of KINDS) {
      // Uncompressed and gzipped size of this page's response, once per page and kind.
      const one = p.path ? requestFor(kind, p.path, cookies[0] as string, browser, navFrom) : null;
      const size = one ? await measureSize(base, one.path, one.headers) : null;
      for (const users of opts.users) {
        const step = `HTTP: ${p.step} — ${kind}, ${users} user${users === 1 ? '' : 's'}${suffix}`;
        // Every page within 1.5× the trivial page at the same concurrency; some also within a time at 20 users.
        const timeTarget = p.targetMs && users === 20 ? p.targetMs : null;
        const target = `p95 ≤ ${RATIO_TARGET}× /login${timeTarget ? `, ≤ ${timeTarget} ms` : ''}`;
        const path = p.path;
        if (!path) {
          rows.push({ step, kind: 'info', result: '—', status: 'not available yet', target, note: p.why });
          continue;
        }
        const pageReqs = cookies.slice(0, users).map((c) => requestFor(kind, path, c, browser, navFrom));
        const floorReqs = cookies.slice(0, users).map(() => requestFor(kind, '/login', null, browser, navFrom));
        const cell = await measureCell(base, pageReqs, floorReqs, opts.rounds, opts.blockMs, opts.pid);
        const a = stats(cell.page);
        const f = stats(cell.floor);
        const r50 = a.p50 / f.p50;
        const r95 = a.p95 / f.p95;
        const row: Row = {
          step,
          ...measured('page', a.p95, f.p95),
          result: a.n ? `p50 ${fmtMs(a.p50)} · p95 ${fmtMs(a.p95)}` : 'no response',
          raw: f.n ? `/login p50 ${fmtMs(f.p50)} · p95 ${fmtMs(f.p95)}` : '',
          ratio: r95,
          target,
          status: a.bad + f.bad > 0 || !a.n ? 'failed' : judge(a.p95, timeTarget, r95),
          note: [
            `GET ${pageReqs[0]?.path}`,
            `ratio p50 ${r50.toFixed(2)}, p95 ${r95.toFixed(2)}`,
            `${a.n} page and ${f.n} /login responses`,
            `${kib(a.bytes)} per page response (/login ${kib(f.bytes)}) as sent`,
            cpuNote(cell),
            a.bad || f.bad ? `${a.bad} page and ${f.bad} /login responses not 200` : '',
            users === 1 ? p.note : '',
            users === 1 && size ? describeSize(size) : '',
            kind === 'full load' && users === 1 ? `in Chromium it also sent ${requestCounts(browser, path)}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        };
        rows.push(row);
        log(`${step}: ${row.result} (${row.raw}); ratio p50 ${r50.toFixed(2)} p95 ${r95.toFixed(2)}`);
      }
    }
  }
  return rows;
}

/** Full loads and client-side navigations of the main pages at 1, 5 and 20 signed-in users, each against /login. */
export async function benchHttp(
  ctx: BenchContext,
  opts: { rebuild: boolean; durationS: number; users?: number[]; pages?: string[] },
): Promise<Row[]> {
  const users = opts.users ?? USERS;
  let build: string;
  try {
    build = ensureBuild(opts.rebuild, ctx.log);
  } catch (err) {
    return [failed('HTTP: next build', err)];
  }
  const file = freshCopy(ctx, 'http');
  const sqlite = new Database(file);
  // One session per user, as 20 people would be.
  const cookies = Array.from({ length: Math.max(...users) }, () => `rk_session=${benchSession(sqlite)}`);
  // Steady state: the overview's aggregates are built before the server starts (as
  // scripts/prepare-demo.ts does for `npm start`), so the runs measure page views, not the one-off
  // first build (a page never runs it inline; it renders "being prepared" meanwhile).
  const warmStart = performance.now();
  refreshOverviewAggregates(sqlite, Date.now());
  const warmS = (performance.now() - warmStart) / 1000;
  ctx.log(`overview aggregates built in ${warmS.toFixed(1)} s before the runs`);
  const ids = sqlite
    .prepare(
      `SELECT (SELECT max(id) FROM members) AS maxId,
        (SELECT id FROM members WHERE status = 'dormant' ORDER BY id LIMIT 1 OFFSET 10) AS memberId,
        (SELECT id FROM campaigns ORDER BY id DESC LIMIT 1) AS campaignId,
        (SELECT id FROM batches ORDER BY id DESC LIMIT 1) AS batchId`,
    )
    .get() as { maxId: number; memberId: number | null; campaignId: number | null; batchId: number | null };
  const writerRows = writerData(sqlite);
  sqlite.close();
  // Keyset cursor ~90% through the id range (the members list pages by descending id).
  const deep = Math.round(ids.maxId * 0.1);
  const allPages: Page[] = [
    {
      key: 'overview',
      step: 'Overview',
      path: '/overview',
      targetMs: TARGET_MS,
      note: `steady state: aggregates built before the run (${warmS.toFixed(1)} s, not counted)`,
    },
    { key: 'members', step: 'Members list, first page', path: '/members', targetMs: TARGET_MS },
    {
      key: 'members-deep',
      step: 'Members list, deep page',
      path: `/members?after=${deep}`,
      targetMs: TARGET_MS,
      note: `keyset cursor after=${deep} (~90% through ${ids.maxId.toLocaleString('en')} ids)`,
    },
    {
      key: 'member',
      step: 'Member page',
      path: ids.memberId ? `/members/${ids.memberId}` : null,
      why: 'no dormant member to open',
      targetMs: TARGET_MS,
    },
    {
      key: 'campaign',
      step: 'Campaign report',
      path: ids.campaignId ? `/campaigns/${ids.campaignId}` : null,
      why: 'the seeded database holds no campaign',
      targetMs: null,
    },
    {
      key: 'batch',
      step: 'Batch page',
      path: ids.batchId ? `/batches/${ids.batchId}` : null,
      why: 'the seeded database holds no batch',
      targetMs: null,
    },
  ];
  const unknown = opts.pages?.filter((k) => !allPages.some((p) => p.key === k)) ?? [];
  if (unknown.length) throw new Error(`--pages takes ${allPages.map((p) => p.key).join(', ')} (got ${unknown.join(', ')})`);
  const pages = opts.pages ? allPages.filter((p) => opts.pages?.includes(p.key)) : allPages;
  // Per cell (page × kind × users): a third of --duration of the page, in three blocks, and as much
  // of /login (15 s → 5 s each, ~6 min for the 36 cells); the quick run, whose numbers nobody
  // reads, one block of 0.3 s each.
  const rounds = ctx.quick ? 1 : 3;
  const blockMs = ctx.quick ? 300 : Math.max(300, (opts.durationS * 1000) / 3 / rounds);
  const server = await startServer(file, ctx.log, undefined, { INGEST_API_KEY: BENCH_API_KEY });
  const rows: Row[] = [];
  try {
    const paths = pages.flatMap((p) => (p.path ? [p.path] : []));
    const browser = await captureBrowserRequests(server.base, cookies[0] as string, paths);
    for (const [path, seen] of browser.fullLoadRequests)
      ctx.log(`a full load of ${path} in Chromium sent ${JSON.stringify(seen)}`);
    const rss = watchPeakRss(server.pid, 100);
    rss.resetTree();
    const cells = { rounds, blockMs, users, pid: server.pid };
    rows.push(...(await measurePages(server.base, cookies, pages, browser, cells, ctx.log)));
    rows.push(...(await benchClicks(server.base, cookies[0] as string, ctx.quick ? 3 : 20, ctx.log)));
    // The same cells again while the streaming backend writes: page and /login both under the writer.
    const writer = startWriter(server.base, writerRows);
    const during = ` — writer posting events ${WRITES_PER_SECOND}×/s`;
    // The quick smoke run, within CI's time, only at the highest concurrency.
    const writerCells = ctx.quick ? { ...cells, users: [Math.max(...users)] } : cells;
    rows.push(...(await measurePages(server.base, cookies, pages, browser, writerCells, ctx.log, during)));
    const w = await writer.stop();
    rows.push({
      step: `HTTP: the writer during the runs${during}`,
      ...measured('page', w.p95Ms),
      result: `${w.posts} posts, p95 ${fmtMs(w.p95Ms)}`,
      status: w.bad ? 'failed' : 'info',
      note: `POST /api/events (Bearer key), ${w.events.toLocaleString('en')} events in all${w.bad ? `; ${w.bad} posts failed or not 2xx` : ''}`,
    });
    rows.push({
      step: 'HTTP: server peak RSS during the runs',
      kind: 'info',
      result: '',
      status: 'info',
      peakRssMb: rss.stop(),
      note: [
        `${SERVER_NOTE} (${build})`,
        `each cell: ${rounds} × ${fmtMs(blockMs)} of the page and as much of /login, alternated`,
      ].join('; '),
    });
  } catch (err) {
    rows.push(failed('HTTP', err));
  } finally {
    await server.stop();
    removeCopy(file);
  }
  return rows;
}
