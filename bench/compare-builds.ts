// Two builds of the app (e.g. before and after a change) served at once on copies of one database,
// the same Chromium-shaped requests alternated between them in short blocks, with /login on the
// second server as the floor: other work on the machine then moves both sides alike, which one run
// after another cannot promise on a shared 2-core machine.
//
//   npx tsx --conditions=react-server bench/compare-builds.ts --db FILE --before DIR --after DIR
//     [--users 1,20] [--rounds 6] [--block 700] [--out FILE]
//     [--pages overview,members,members-deep,member,campaign,batch]
//
// DIRs are `next build` outputs (NEXT_DIST_DIR) of this worktree at the two commits.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { refreshOverviewAggregates } from '@/db/metrics-refresh';
import { captureBrowserRequests } from './lib/browser';
import { block, type Req, type Sample, stats } from './lib/closed-loop';
import { benchSession, startServer } from './lib/server';
import { kib, measureSize } from './lib/sizes';
import { fmtMs } from './lib/table';
import { KINDS, requestFor } from './steps/http';

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
}

const log = (m: string) => console.log(`[compare] ${m}`);

/** CPU time (user + system) a process has used, in ms (Linux, 100 ticks a second): what a response costs the server, whatever else the machine runs. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** One copy per server, both with the same sessions and freshly built overview aggregates. */
function prepareCopies(db: string, users: number): { files: [string, string]; cookies: string[]; paths: string[] } {
  const dir = path.resolve('bench/tmp');
  fs.mkdirSync(dir, { recursive: true });
  const a = path.join(dir, 'compare-a.db');
  const b = path.join(dir, 'compare-b.db');
  fs.copyFileSync(db, a);
  const sqlite = new Database(a);
  const cookies = Array.from({ length: users }, () => `rk_session=${benchSession(sqlite)}`);
  refreshOverviewAggregates(sqlite, Date.now());
  const ids = sqlite
    .prepare(
      `SELECT (SELECT max(id) FROM members) AS maxId,
        (SELECT id FROM members WHERE status = 'dormant' ORDER BY id LIMIT 1 OFFSET 10) AS memberId,
        (SELECT id FROM campaigns ORDER BY id DESC LIMIT 1) AS campaignId,
        (SELECT id FROM batches ORDER BY id DESC LIMIT 1) AS batchId`,
    )
    .get() as { maxId: number; memberId: number | null; campaignId: number | null; batchId: number | null };
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  fs.copyFileSync(a, b);
  const byKey: Record<string, string | null> = {
    overview: '/overview',
    members: '/members',
    'members-deep': `/members?after=${Math.round(ids.maxId * 0.1)}`,
    member: ids.memberId ? `/members/${ids.memberId}` : null,
    campaign: ids.campaignId ? `/campaigns/${ids.campaignId}` : null,
    batch: ids.batchId ? `/batches/${ids.batchId}` : null,
  };
  const keys = arg('--pages', Object.keys(byKey).join(',')).split(',');
  const paths = keys.map((k) => byKey[k] ?? null).filter((p): p is string => p !== null);
  return { files: [a, b], cookies, paths };
}

async function main() {
  const users = arg('--users', '1,20').split(',').map(Number);
  const rounds = Number(arg('--rounds', '6'));
  const blockMs = Number(arg('--block', '700'));
  const { files, cookies, paths } = prepareCopies(arg('--db'), Math.max(...users));
  const before = await startServer(files[0], log, arg('--before'));
  const after = await startServer(files[1], log, arg('--after'));
  const lines = [
    '| page | kind | users | before p50 / p95 | after p50 / p95 | after ÷ before (p50 / p95) | /login p50 / p95 | after p95 ÷ /login p95 | server CPU ms per response, before → after | bytes before → after (uncompressed; gzip) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  try {
    const browser = await captureBrowserRequests(after.base, cookies[0] as string, paths);
    const navFrom = paths[0] as string;
    for (const p of paths) {
      for (const kind of KINDS) {
        const one = requestFor(kind, p, cookies[0] as string, browser, navFrom);
        const [sb, sa] = [
          await measureSize(before.base, one.path, one.headers),
          await measureSize(after.base, one.path, one.headers),
        ];
        for (const n of users) {
          const page = cookies.slice(0, n).map((c) => requestFor(kind, p, c, browser, navFrom));
          const floor = cookies.slice(0, n).map(() => requestFor(kind, '/login', null, browser, navFrom));
          const sides: { base: string; pid: number; reqs: Req[]; out: Sample[]; cpu: number }[] = [
            { base: before.base, pid: before.pid, reqs: page, out: [], cpu: 0 },
            { base: after.base, pid: after.pid, reqs: page, out: [], cpu: 0 },
            { base: after.base, pid: after.pid, reqs: floor, out: [], cpu: 0 },
          ];
          const agents = sides.map(() => page.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 })));
          try {
            for (const [i, s] of sides.entries()) await block(agents[i] as http.Agent[], s.base, s.reqs, 150, []);
            for (let r = 0; r < rounds; r++)
              for (let k = 0; k < sides.length; k++) {
                const i = (r + k) % sides.length; // rotate which side goes first
                const s = sides[i] as (typeof sides)[number];
                const cpu0 = cpuMs(s.pid);
                await block(agents[i] as http.Agent[], s.base, s.reqs, blockMs, s.out);
                s.cpu += cpuMs(s.pid) - cpu0;
              }
          } finally {
            for (const list of agents) for (const a of list) a.destroy();
          }
          const [b, a, f] = sides.map((s) => stats(s.out)) as [
            ReturnType<typeof stats>,
            ReturnType<typeof stats>,
            ReturnType<typeof stats>,
          ];
          const bad = b.bad + a.bad + f.bad;
          const [cb, ca, cf] = sides.map((s) => (s.out.length ? s.cpu / s.out.length : Number.NaN)) as [number, number, number];
          const line = `| ${p} | ${kind} | ${n} | ${fmtMs(b.p50)} / ${fmtMs(b.p95)} | ${fmtMs(a.p50)} / ${fmtMs(a.p95)} | ${(a.p50 / b.p50).toFixed(2)} / ${(a.p95 / b.p95).toFixed(2)} | ${fmtMs(f.p50)} / ${fmtMs(f.p95)} | ${(a.p95 / f.p95).toFixed(2)} | ${cb.toFixed(1)} → ${ca.toFixed(1)} (/login ${cf.toFixed(1)}) | ${kib(sb.raw)} → ${kib(sa.raw)}; ${kib(sb.gzip)} → ${kib(sa.gzip)}${bad ? ` (${bad} not 200)` : ''} |`;
          lines.push(line);
          log(line);
        }
      }
    }
  } finally {
    await before.stop();
    await after.stop();
    for (const f of files) for (const s of ['', '-wal', '-shm']) fs.rmSync(f + s, { force: true });
  }
  const out = `${lines.join('\n')}\n`;
  console.log(`\n${out}`);
  if (process.argv.includes('--out')) fs.writeFileSync(arg('--out'), out);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
