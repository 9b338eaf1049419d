import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { hashToken } from '@/db/staff';

// The production server the HTTP runs hit: `next start` (what `npm start` runs) on its own build dir and database copy.

// BENCH_BUILD_DIR names a build kept from other code (e.g. the commit before a change), measured
// as it is, never rebuilt: before and after can then be run back to back from one worktree.
const KEPT_BUILD = process.env.BENCH_BUILD_DIR;
export const BUILD_DIR = KEPT_BUILD || '.next-bench';
export const SERVER_NOTE = '`next start`, as `npm start` runs it';

function headCommitMs(): number {
  try {
    return (
      Number(
        execSync('git log -1 --format=%ct', { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim(),
      ) * 1000
    );
  } catch {
    return 0;
  }
}

/** Builds into .next-bench unless a build newer than the last commit is there already. */
export function ensureBuild(rebuild: boolean, log: (m: string) => void): string {
  const id = path.join(BUILD_DIR, 'BUILD_ID');
  if (KEPT_BUILD) {
    if (!fs.existsSync(id)) throw new Error(`BENCH_BUILD_DIR=${KEPT_BUILD} holds no build`);
    log(`using the kept build in ${KEPT_BUILD} (BENCH_BUILD_DIR)`);
    return `kept build ${KEPT_BUILD}`;
  }
  const fresh = fs.existsSync(id) && fs.statSync(id).mtimeMs > headCommitMs();
  if (fresh && !rebuild) {
    log(`using the existing build in ${BUILD_DIR}`);
    return 'existing build';
  }
  log(`building into ${BUILD_DIR} (next build)`);
  const t0 = performance.now();
  try {
    execSync('npx next build', {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEXT_DIST_DIR: BUILD_DIR, NEXT_TELEMETRY_DISABLED: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    const out = `${e.stdout ?? ''}${e.stderr ?? ''}`.split('\n').filter((l) => l.trim() && !l.includes('npm warn'));
    const first = out.find((l) => /error|Error|failed/.test(l)) ?? out.at(-1) ?? 'unknown error';
    throw new Error(`next build failed: ${first.trim()}`);
  }
  return `built in ${((performance.now() - t0) / 1000).toFixed(0)} s`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export type Server = { base: string; pid: number; stop: () => Promise<void> };

/**
 * The production server, as `npm start` runs it: `next start`. The daily cycle's scheduler is off
 * (a seeded day's due cycle would otherwise run under the measurements) unless `env` turns it on.
 */
export async function startServer(
  dbFile: string,
  log: (m: string) => void,
  buildDir = BUILD_DIR,
  env: Record<string, string> = {},
): Promise<Server> {
  const port = await freePort();
  const nextBin = path.join('node_modules', 'next', 'dist', 'bin', 'next');
  const child: ChildProcess = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: dbFile,
      NEXT_DIST_DIR: buildDir,
      NEXT_TELEMETRY_DISABLED: '1',
      DISABLE_WORKER: '1',
      DISABLE_CYCLE: '1',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode != null) throw new Error(`the server exited: ${stderr.slice(-300)}`);
    try {
      const r = await fetch(`${base}/login`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`server listening on ${base} (next start, ${buildDir})`);
  return {
    base,
    pid: child.pid as number,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode != null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A signed-in admin for the load runs: a session row written directly, as sign-in would. */
export function benchSession(sqlite: Database.Database): string {
  const staff = sqlite.prepare("SELECT id FROM staff WHERE role = 'admin' AND disabled = 0 ORDER BY id LIMIT 1").get() as
    | { id: number }
    | undefined;
  if (!staff) throw new Error('no admin to sign in as');
  const token = randomBytes(32).toString('base64url');
  const at = Date.now();
  sqlite
    .prepare('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
    .run(hashToken(token), staff.id, at, at + 24 * 3_600_000);
  return token;
}

/** The events API's key the bench servers accept (INGEST_API_KEY), for the writer and the roll-up trigger. */
export const BENCH_API_KEY = 'bench-ingest-key';
