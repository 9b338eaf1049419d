import { type ChildProcess, execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { CYCLE_JOBS } from './cycle-server';

// The daily cycle runs itself: a server of this spec's own (the shared e2e server runs with
// DISABLE_CYCLE=1 so the cycle never disturbs other specs) on its own small database, with the
// scheduler on. It runs the due day's jobs at start; moving the app clock two days forward, the
// missed days run once each, in order; "Run now" works for an admin and is absent for others.

const port = Number(process.env.E2E_PORT || 3100) + 50;
const baseURL = `http://127.0.0.1:${port}`;
const dbFile = path.resolve(`test-results/e2e-cycle-${port}.db`);
const DAY = 86_400_000;
let server: ChildProcess | undefined;

test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 1440, height: 900 } });
test.describe.configure({ mode: 'serial' });

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
const scheduledDays = () =>
  withDb((db) => db.prepare("SELECT day, job, status FROM cycle_runs WHERE trigger = 'schedule' ORDER BY id").all()) as {
    day: string;
    job: string;
    status: string;
  }[];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  for (const s of ['', '-wal', '-shm']) fs.rmSync(dbFile + s, { force: true });
  execSync('npx tsx --conditions=react-server scripts/seed.ts --members 400', {
    env: { ...process.env, DATABASE_URL: dbFile },
    stdio: 'ignore',
  });
  // The demo seed writes weeks of past runs; this spec starts from a database that never ran a cycle.
  withDb((db) => db.prepare('DELETE FROM cycle_runs').run());
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
      DISABLE_WORKER: '1',
      DISABLE_CYCLE: '0',
      CYCLE_HOUR_UTC: '2',
      SMTP_URL: '',
      BOUNCE_SMTP_PORT: '',
    },
    stdio: 'ignore',
  });
  await expect.poll(async () => (await fetch(`${baseURL}/login`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('rekindle-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

const JOBS = CYCLE_JOBS;

test('the cycle runs at start, then catches up each missed day once after the clock moves two days', async ({ browser }) => {
  const page = await signedIn(browser, 'admin@rekindle.local');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
  await expect(page.getByRole('heading', { name: 'Operations' })).toBeVisible();
  // The due day's jobs ran on their own, in order.
  await expect.poll(() => scheduledDays().filter((r) => r.status === 'done').length, { timeout: 30_000 }).toBe(JOBS.length);
  const first = scheduledDays()[0]!.day;
  expect(scheduledDays().map((r) => r.job)).toEqual(JOBS);
  await page.reload();
  const table = page.getByRole('table', { name: 'Jobs of the daily cycle, in the order they run' });
  await expect(table.getByText('Succeeded')).toHaveCount(JOBS.length);
  await expect(table.getByText(`(day ${first}, attempt 1)`)).toHaveCount(JOBS.length);

  withDb((db) =>
    db
      .prepare(
        "INSERT INTO app_settings (key, value) VALUES ('clock_offset_ms', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(String(2 * DAY)),
  );
  await expect.poll(() => scheduledDays().filter((r) => r.status === 'done').length, { timeout: 45_000 }).toBe(3 * JOBS.length);
  const days = scheduledDays();
  const day = (n: number) => new Date(Date.parse(`${first}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
  // Each day once, its jobs in order, oldest day first.
  expect(days.map((r) => `${r.day} ${r.job}`)).toEqual([0, 1, 2].flatMap((n) => JOBS.map((j) => `${day(n)} ${j}`)));
  // Two days on, the session has expired: sign in again.
  const later = await signedIn(browser, 'admin@rekindle.local');
  await later.goto('/operations');
  const laterTable = later.getByRole('table', { name: 'Jobs of the daily cycle, in the order they run' });
  await expect(laterTable.getByText(`(day ${day(2)}, attempt 1)`)).toHaveCount(JOBS.length);
  await expect(laterTable.getByText('Succeeded')).toHaveCount(JOBS.length);
  await later.screenshot({ path: 'test-results/operations.png', fullPage: true });
});

test('Run now: an admin runs a job (audited, recorded apart); a CX manager reads the page without the button; an executive is turned away', async ({
  browser,
}) => {
  const page = await signedIn(browser, 'admin@rekindle.local');
  await page.goto('/operations');
  await page.getByRole('button', { name: 'Retention purge: Run now' }).click();
  await expect(page.getByRole('status')).toContainText('“Retention purge” queued');
  const row = page.getByRole('row').filter({ hasText: 'Retention purge' });
  await expect(row).toContainText('run now by admin@rekindle.local', { timeout: 20_000 });
  await expect(row).toContainText('Succeeded', { timeout: 20_000 });
  expect(withDb((db) => db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'cycle.run_now'").get())).toEqual({
    n: 1,
  });
  // The day's scheduled runs are untouched by it.
  expect(scheduledDays()).toHaveLength(3 * JOBS.length);

  const cx = await signedIn(browser, 'cx@rekindle.local');
  await cx.goto('/operations');
  await expect(cx.getByRole('heading', { name: 'Operations' })).toBeVisible();
  await expect(cx.getByRole('button', { name: /Run now/ })).toHaveCount(0);

  const exec = await signedIn(browser, 'exec@rekindle.local');
  await expect(exec.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' })).toHaveCount(0);
  expect((await exec.goto('/operations'))?.status()).toBe(403);
  await expect(exec.getByRole('heading', { name: 'You are not allowed to open that page' })).toBeVisible();
});
