import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';

// A large events CSV imports on the server's import worker: the page shows its phase and rows
// while it runs, and other pages keep answering meanwhile.

async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill('cx@rekindle.local');
  await page.getByLabel('Password').fill('rekindle-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

// Large enough that the import outlasts a page request by far on a quiet machine (400k once finished first).
const EVENTS = 1_200_000;
/** Spreads the views over the last 30 days (none in the future). */
const STEP_MS = Math.floor((30 * 86_400_000 - 3_600_000) / EVENTS);

/** EVENTS views over members who joined over a year ago, all in the last 30 days. */
function bigCsv(): Buffer {
  const db = new Database(process.env.E2E_DATABASE_URL as string, { readonly: true, fileMustExist: true });
  const accounts = db
    .prepare(`SELECT account_id FROM members WHERE joined_at < ? AND status <> 'cancelled' ORDER BY id LIMIT 5000`)
    .pluck()
    .all(Date.now() - 400 * 86_400_000) as string[];
  db.close();
  expect(accounts.length, 'the seed has members to import views for').toBeGreaterThan(100);
  const start = Date.now() - 30 * 86_400_000;
  const lines = ['account_id,title,watched_at,seconds'];
  for (let i = 0; i < EVENTS; i++)
    lines.push(
      `${accounts[i % accounts.length]},Big Import ${i % 40},${new Date(start + i * STEP_MS).toISOString()},${60 + (i % 900)}`,
    );
  return Buffer.from(`${lines.join('\n')}\n`);
}

test('a large import shows its progress, and other pages answer while it runs', async ({ page, context }) => {
  test.setTimeout(240_000);
  await signIn(page);
  await page.goto('/import');
  // Over Playwright's 50 MB limit for an in-memory file: written to the test's output folder first.
  const file = path.join(test.info().outputDir, 'big.csv');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bigCsv());
  await page.getByLabel('Viewing events CSV').setInputFiles(file);
  await page.getByRole('button', { name: 'Import events' }).click();
  const busy = page.getByRole('button', { name: 'Importing…' });
  await expect(busy).toBeVisible();
  // The phase and the rows counted so far, polled while the upload runs.
  await expect(
    page.getByRole('status').filter({ hasText: /(Reading the file|Checking|Writing).*: [1-9][\d,]* rows/ }),
  ).toBeVisible();
  await page.screenshot({ path: '/tmp/import-progress.png', fullPage: true });

  // Another page, same session, answered while the import still runs.
  const other = await context.request.get('/members');
  expect(other.status()).toBe(200);
  await expect(busy).toBeVisible();

  await expect(page.getByRole('status').filter({ hasText: 'new events' })).toBeVisible({ timeout: 120_000 });
  await page.screenshot({ path: '/tmp/import-done.png', fullPage: true });
});
