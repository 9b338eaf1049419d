import { type ChildProcess, execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';

// A production server of a spec's own, with the daily cycle and the sender on, its own database and
// a real SMTP server (e2e/smtp-sink.ts) of its own: for specs that move the clock through days.

export const DAY = 86_400_000;
export const CYCLE_JOBS = [
  'dormancy-scan',
  'risk-score',
  'enrol-always-on',
  'close-campaigns',
  'propose-batches',
  'batch-reminders',
  'cancel-leavers',
  'retention-purge',
  'metrics-refresh',
];

export type Mail = { to: string[]; subject: string; text: string; messageId: string };

export function cycleServer(port: number) {
  const baseURL = `http://127.0.0.1:${port}`;
  const dbFile = path.resolve(`test-results/e2e-cycle-${port}.db`);
  const smtpPort = port + 1300;
  const smtpFile = path.resolve(`test-results/smtp-${smtpPort}.jsonl`);
  let server: ChildProcess | undefined;
  let sink: ChildProcess | undefined;

  const withDb = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(dbFile, { fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };

  return {
    baseURL,
    dbFile,
    withDb,
    /** Seeds a small demo database (fresh file) and starts the SMTP sink. */
    async prepare(members = 400) {
      for (const s of ['', '-wal', '-shm']) fs.rmSync(dbFile + s, { force: true });
      execSync(`npx tsx --conditions=react-server scripts/seed.ts --members ${members}`, {
        env: { ...process.env, DATABASE_URL: dbFile },
        stdio: 'ignore',
      });
      sink = spawn('npx', ['tsx', 'e2e/smtp-sink.ts'], {
        env: { ...process.env, SMTP_SINK_PORT: String(smtpPort), SMTP_SINK_FILE: smtpFile },
        stdio: 'ignore',
        detached: true,
      });
      await expect.poll(() => fs.existsSync(smtpFile), { timeout: 30_000 }).toBe(true);
    },
    /** `next start` in a process group of its own (so a SIGKILL reaches every process of it). */
    async start() {
      const nextBin = require.resolve('next/dist/bin/next');
      server = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: dbFile,
          NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-e2e',
          PUBLIC_BASE_URL: baseURL,
          DEMO_PASSWORD: 'rekindle-demo',
          REKINDLE_ALLOW_TEST_CLOCK: '1',
          DISABLE_WORKER: '0',
          DISABLE_CYCLE: '0',
          CYCLE_HOUR_UTC: '2',
          CYCLE_TICK_MS: '250',
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          BOUNCE_SMTP_PORT: '',
        },
        stdio: 'ignore',
        detached: true,
      });
      await expect
        .poll(async () => (await fetch(`${baseURL}/login`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
        .toBe(200);
    },
    /**
     * Ends the server: SIGKILL (a crash) or SIGTERM. The signal goes out before this returns (a test
     * can crash the server the instant it sees a state, with no await in between); the promise
     * resolves once it has exited.
     */
    stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<unknown> {
      const s = server;
      server = undefined;
      if (!s?.pid || s.exitCode != null) return Promise.resolve();
      const exited = new Promise((r) => s.once('exit', r));
      process.kill(-s.pid, signal);
      return exited;
    },
    stopSink() {
      if (sink?.pid) process.kill(-sink.pid, 'SIGTERM');
    },
    mails: (): Mail[] =>
      fs.existsSync(smtpFile)
        ? fs
            .readFileSync(smtpFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Mail)
        : [],
    setClockOffset: (ms: number) =>
      withDb((db) =>
        db
          .prepare(
            `INSERT INTO app_settings (key, value) VALUES ('clock_offset_ms', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
          )
          .run(String(ms)),
      ),
    async signedIn(browser: Browser, email: string): Promise<Page> {
      const page = await (await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } })).newPage();
      await page.goto('/login');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('rekindle-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      return page;
    },
  };
}

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Rows per member (Map.groupBy is not in Node 20). */
export function byEmail<T extends { email: string }>(rows: T[]) {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.email, [...(m.get(r.email) ?? []), r]);
  return m;
}

/** Messages received per address. */
export function countBy(mails: Mail[]) {
  const n = new Map<string, number>();
  for (const m of mails) for (const t of m.to) n.set(t, (n.get(t) ?? 0) + 1);
  return n;
}

/** An approver's email about a batch: the notice of its submission, or the reminder that it still waits. */
export const isBatchMail = (m: Mail, kind: 'notice' | 'reminder') =>
  kind === 'notice' ? / waits for your decision$/.test(m.subject) : m.subject.startsWith('Reminder:');
