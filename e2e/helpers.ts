import { type Browser, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';

/** Saved signed-in state per demo account (written by auth.setup.ts). */
export const as = (who: 'admin' | 'cx' | 'approver' | 'approver2' | 'exec') => `test-results/.auth/${who}.json`;

/** A page in a new context signed in as a demo account (saved state). */
export async function pageAs(browser: Browser, who: Parameters<typeof as>[0]) {
  const context = await browser.newContext({ storageState: as(who) });
  return context.newPage();
}

/**
 * Signs in through the form (for specs that cannot use the saved states: parallel e2e runs on other
 * ports overwrite those files with sessions of their own databases).
 */
export async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('rekindle-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Runs fn on the e2e server's database file (a connection of the test's own). */
export function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(process.env.E2E_DATABASE_URL as string, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Moves the server's clock (the test clock: REKINDLE_ALLOW_TEST_CLOCK) by writing its app setting. */
export const setClockOffset = (ms: number) =>
  withDb((db) =>
    db
      .prepare(
        `INSERT INTO app_settings (key, value) VALUES ('clock_offset_ms', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      )
      .run(String(ms)),
  );
