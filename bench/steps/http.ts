import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { refreshOverviewAggregates } from '@/db/metrics-refresh';
import { type BenchContext, freshCopy, removeCopy } from '../lib/context';
import { percentile, watchPeakRss } from '../lib/measure';
import { benchSession, ensureBuild, startServer } from '../lib/server';
import { failed, fmtMs, judge, notAvailable, type Row } from '../lib/table';

const TARGET_MS = 150;
const CONNECTIONS = 20;
const CACHE_NOTE =
  'rendered-page cache on (as shipped): a page is rendered again after any database write and at least every 5 s';

type Target = { step: string; path: string | null; why?: string; targetMs: number | null; note?: string };

async function get(base: string, path: string, cookie: string) {
  const r = await fetch(base + path, { headers: { cookie }, redirect: 'manual' });
  return { status: r.status, html: r.status === 200 ? await r.text() : '', location: r.headers.get('location') };
}

const isPlaceholder = (html: string) => html.includes('Not yet available');

/** Hrefs of the "Next" page link on a members list page (keyset cursor). */
function nextLink(html: string): string | null {
  const links = [...html.matchAll(/<a[^>]*href="(\/members\?[^"]+)"[^>]*>([\s\S]*?)<\/a>/g)];
  const next = links.find((m) => /next|older|more/i.test(m[2]?.replace(/<[^>]+>/g, '') ?? ''));
  return next ? (next[1] as string).replace(/&amp;/g, '&') : null;
}

/** A page deep in the members list: extrapolates a numeric cursor, else follows "Next" many times. */
async function deepMembersPage(base: string, cookie: string, maxId: number): Promise<{ path: string | null; note: string }> {
  const first = await get(base, '/members', cookie);
  const seen: string[] = [];
  let href = nextLink(first.html);
  while (href && seen.length < 3) {
    seen.push(href);
    href = nextLink((await get(base, href, cookie)).html);
  }
  if (!seen.length) return { path: null, note: 'the members list shows no "Next" link' };
  const params = seen.map((h) => new URLSearchParams(h.split('?')[1]));
  const key = [...(params[0] as URLSearchParams).keys()].find((k) => params.every((p) => /^\d+$/.test(p.get(k) ?? '')));
  if (key && params.length >= 2) {
    const values = params.map((p) => Number(p.get(key)));
    const up = (values[1] as number) > (values[0] as number);
    const deep = up ? Math.round(maxId * 0.9) : Math.round(maxId * 0.1);
    const p = new URLSearchParams(params[0]);
    p.set(key, String(deep));
    return { path: `/members?${p}`, note: `cursor ${key}=${deep} (~90% through ${maxId.toLocaleString('en')} ids)` };
  }
  let path = seen[seen.length - 1] as string;
  for (let i = 0; i < 30; i++) {
    const n = nextLink((await get(base, path, cookie)).html);
    if (!n) break;
    path = n;
  }
  return { path, note: 'reached by following "Next" 30+ times' };
}

/** 20 connections, each signed in as its own user session (cookies[i]), as 20 people would be. */
async function load(base: string, path: string, cookies: string[], durationS: number) {
  const times: number[] = [];
  let next = 0;
  const inst = autocannon({
    url: base + path,
    connections: CONNECTIONS,
    duration: durationS,
    timeout: 30,
    setupClient: (client) => client.setHeaders({ cookie: cookies[next++ % cookies.length] as string }),
  });
  inst.on('response', (_c, _s, _b, t) => times.push(t));
  const res = await inst;
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: res.requests.total / durationS,
    total: res.requests.total,
    bad: res.non2xx + res.errors + res.timeouts,
  };
}

/** Loads each page with 20 connections for `durationS` (after a 1 s warm-up) and reports its latencies. */
async function measurePages(base: string, cookies: string[], targets: Target[], durationS: number, sample: () => void) {
  const cookie = cookies[0] as string;
  const rows: Row[] = [];
  const opts = { durationS };
  for (const t of targets) {
    const target = t.targetMs ? `p95 ≤ ${t.targetMs} ms` : 'no target set';
    if (!t.path) {
      rows.push(notAvailable(`HTTP: ${t.step}`, t.why ?? '', target));
      continue;
    }
    const probe = await get(base, t.path, cookie);
    if (probe.status !== 200 || isPlaceholder(probe.html)) {
      const why =
        probe.status === 200
          ? 'the page is still a placeholder'
          : `GET ${t.path} answered ${probe.status}${probe.location ? ` → ${probe.location}` : ''}`;
      rows.push(notAvailable(`HTTP: ${t.step}`, why, target));
      continue;
    }
    await load(base, t.path, cookies, 1); // warm-up
    sample();
    const r = await load(base, t.path, cookies, opts.durationS);
    if (r.total === 0) {
      rows.push({
        step: `HTTP: ${t.step}`,
        result: `no request completed within ${opts.durationS} s`,
        target,
        status: t.targetMs ? 'missed' : 'info',
        note: `GET ${t.path}`,
      });
      continue;
    }
    rows.push({
      step: `HTTP: ${t.step}`,
      result: `p50 ${fmtMs(r.p50)} · p95 ${fmtMs(r.p95)} · p99 ${fmtMs(r.p99)} · ${r.rps.toFixed(0)} req/s`,
      target,
      status: r.bad > 0 ? 'failed' : t.targetMs ? judge(r.p95, t.targetMs) : 'info',
      note: [
        `GET ${t.path}`,
        `${r.total} requests, ${CONNECTIONS} connections (one session each), ${opts.durationS} s`,
        r.bad ? `${r.bad} not 2xx/errors` : '',
        t.note,
      ]
        .filter(Boolean)
        .join('; '),
    });
  }
  return rows;
}

/** p50/p95/p99 and requests/second for the main pages, signed in, 20 connections, against the production server. */
export async function benchHttp(ctx: BenchContext, opts: { rebuild: boolean; durationS: number }): Promise<Row[]> {
  const steps = [
    'Overview page',
    'Members list, first page',
    'Members list, deep page (keyset cursor)',
    'Member page',
    'Campaign report',
  ];
  let build: string;
  try {
    build = ensureBuild(opts.rebuild, ctx.log);
  } catch (err) {
    return [failed('HTTP: next build', err)];
  }
  const file = freshCopy(ctx, 'http');
  const sqlite = new Database(file);
  // One session per connection: 20 users, so a rendered-page cache keyed by session gets no help
  // from them sharing one.
  const cookies = Array.from({ length: CONNECTIONS }, () => `rk_session=${benchSession(sqlite)}`);
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
        (SELECT id FROM campaigns ORDER BY id DESC LIMIT 1) AS campaignId`,
    )
    .get() as { maxId: number; memberId: number | null; campaignId: number | null };
  sqlite.close();
  const cookie = cookies[0] as string;
  let server = await startServer(file, ctx.log);
  const rows: Row[] = [];
  try {
    const deep = await deepMembersPage(server.base, cookie, ids.maxId);
    const targets: Target[] = [
      {
        step: steps[0] as string,
        path: '/overview',
        targetMs: TARGET_MS,
        note: `steady state: aggregates built before the run (${warmS.toFixed(1)} s, not counted)`,
      },
      { step: steps[1] as string, path: '/members', targetMs: TARGET_MS },
      { step: steps[2] as string, path: deep.path, why: deep.note, targetMs: TARGET_MS, note: deep.note },
      {
        step: steps[3] as string,
        path: ids.memberId ? `/members/${ids.memberId}` : null,
        why: 'no dormant member to open',
        targetMs: TARGET_MS,
      },
      {
        step: steps[4] as string,
        path: ids.campaignId ? `/campaigns/${ids.campaignId}` : null,
        why: 'the seeded database holds no campaign',
        targetMs: null,
      },
    ];
    const rss = watchPeakRss(server.pid, 100);
    rss.resetTree();
    const cached = targets.map((t) => ({ ...t, note: [t.note, CACHE_NOTE].filter(Boolean).join('; ') }));
    rows.push(...(await measurePages(server.base, cookies, cached, opts.durationS, () => rss.sample())));
    const peak = rss.stop();
    rows.push({
      step: 'HTTP: server peak RSS during the runs',
      result: '',
      status: 'info',
      peakRssMb: peak,
      note: `scripts/serve.js, as \`npm start\` runs it (${build})`,
    });
    // The same pages with the rendered-page cache off: what every request costs when it is rendered
    // (a page whose data changed, or seen for the first time). Shown for information.
    await server.stop();
    server = await startServer(file, ctx.log, { renderCache: false });
    const bare = targets
      .filter((t) => t.targetMs)
      .map((t) => ({ ...t, step: `${t.step} — rendered every time (cache off)`, targetMs: null }));
    rows.push(...(await measurePages(server.base, cookies, bare, opts.durationS, () => {})));
  } catch (err) {
    rows.push(failed('HTTP', err));
  } finally {
    await server.stop();
    removeCopy(file);
  }
  return rows;
}
