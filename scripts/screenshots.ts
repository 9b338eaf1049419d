// `npm run screenshots`: re-takes the README's screenshots (overview, a campaign report, a batch page,
// each at 1440 px and at phone width) into docs/screenshots/. Against SCREENSHOTS_BASE_URL when set (a
// running demo server with the demo accounts); otherwise it serves the existing build (`npm run build`
// first) on a copy of the demo database (DATABASE_URL, seeded by `npm run db:prepare` if absent), so
// the demo itself is never touched, with the daily cycle and the sender off.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { backupDatabase } from '@/db/backup';

const OUT = 'docs/screenshots';
const WIDTHS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const password = process.env.DEMO_PASSWORD || 'rekindle-demo';

async function startServer(): Promise<{ baseURL: string; stop: () => void }> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(distDir, 'BUILD_ID'))) throw new Error(`no build in ${distDir}: run \`npm run build\` first`);
  const demo = process.env.DATABASE_URL || './data/rekindle.db';
  if (!fs.existsSync(demo)) execFileSync('npm', ['run', 'db:prepare'], { stdio: 'inherit' });
  const copy = path.join(os.tmpdir(), `rekindle-screenshots-${process.pid}.db`);
  const source = new Database(demo, { fileMustExist: true, readonly: true });
  await backupDatabase(source, copy);
  source.close();
  const port = process.env.SCREENSHOTS_PORT || '3290';
  const server = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', port, '-H', '127.0.0.1'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: copy, PORT: port, DISABLE_CYCLE: '1', DISABLE_WORKER: '1' },
  });
  const baseURL = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${baseURL}/login`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 120 || server.exitCode != null) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = () => {
    server.kill('SIGTERM');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
  };
  return { baseURL, stop };
}

async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** The first record in a list whose row shows the status, else the first record. */
async function firstWith(page: Page, list: string, status: string): Promise<string> {
  await page.goto(list);
  const rows = page.getByRole('row').filter({ has: page.getByRole('link') });
  const row = (await rows.filter({ hasText: status }).count()) ? rows.filter({ hasText: status }).first() : rows.first();
  const href = await row.getByRole('link').first().getAttribute('href');
  if (!href) throw new Error(`no record listed on ${list}`);
  return href;
}

async function shoot(page: Page, url: string, name: string) {
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w.width, height: w.height });
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    // Client-only charts replace their skeletons.
    await page
      .locator('main .animate-pulse')
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => {});
    const file = path.join(OUT, `${name}-${w.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${file}`);
  }
}

async function main() {
  const given = process.env.SCREENSHOTS_BASE_URL;
  const server = given ? { baseURL: given, stop: () => {} } : await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || undefined, args: ['--no-sandbox'] });
  try {
    fs.mkdirSync(OUT, { recursive: true });
    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    await signIn(page, 'admin@rekindle.local');
    const report = await firstWith(page, '/campaigns', 'Closed');
    const batch = await firstWith(page, '/batches', 'Executed');
    await shoot(page, '/overview', 'overview');
    await shoot(page, report, 'campaign-report');
    await shoot(page, batch, 'batch');
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((err) => {
  console.error(`Screenshots failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
