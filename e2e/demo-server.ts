import { type ChildProcess, execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { signIn } from './helpers';

// A server of a spec's own on a demo seed large enough to hold campaign and batch history and an
// always-on campaign with a cohort (12,000 members; the shared e2e seed of 3,000 has none), so
// specs that walk every page see each kind of record without creating them, and without changing
// the database the other specs share. It serves the same build (NEXT_DIST_DIR).

export function demoServer(portOffset: number) {
  const port = Number(process.env.E2E_PORT || 3100) + portOffset;
  const baseURL = `http://127.0.0.1:${port}`;
  const dbFile = path.resolve(`test-results/e2e-demo-${port}.db`);
  let server: ChildProcess | undefined;

  return {
    baseURL,
    async start() {
      for (const s of ['', '-wal', '-shm']) fs.rmSync(dbFile + s, { force: true });
      execSync('npx tsx --conditions=react-server scripts/seed.ts --members 12000', {
        env: { ...process.env, DATABASE_URL: dbFile },
        stdio: 'ignore',
      });
      server = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: dbFile,
          NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-e2e',
          PUBLIC_BASE_URL: baseURL,
          DEMO_PASSWORD: 'rekindle-demo',
          DISABLE_WORKER: '1',
          DISABLE_CYCLE: '1',
          SMTP_URL: '',
          BOUNCE_SMTP_PORT: '',
        },
        stdio: 'ignore',
      });
      await expect
        .poll(async () => (await fetch(`${baseURL}/login`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
        .toBe(200);
    },
    stop() {
      server?.kill('SIGTERM');
    },
    withDb<T>(fn: (db: Database.Database) => T): T {
      const db = new Database(dbFile, { fileMustExist: true });
      db.pragma('busy_timeout = 10000');
      try {
        return fn(db);
      } finally {
        db.close();
      }
    },
    /** A page in a new context of its own, signed in through the form (at desktop width, where "Sign out" shows). */
    async pageAs(browser: Browser, email: string, viewport: { width: number; height: number }) {
      const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await signIn(page, email);
      await page.setViewportSize(viewport);
      return page;
    },
  };
}
