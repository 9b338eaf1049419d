import { expect, test } from '@playwright/test';
import { as, withDb } from './helpers';

// A machine writer must not bury people's entries: 25 events API calls read as one line per minute,
// and the filters (left-out action, entity, dates) narrow the log.
test.use({ storageState: as('admin') });

test('API calls are summarised per minute; "Show each" and the filters narrow the log', async ({ page, request }) => {
  const m = withDb(
    (db) =>
      db
        .prepare(
          `SELECT account_id AS a, joined_at AS j FROM members WHERE status = 'active' AND last_viewed_at IS NOT NULL LIMIT 1`,
        )
        .get() as { a: string; j: number },
  );
  const watchedAt = new Date(m.j + 86_400_000).toISOString();
  for (let i = 0; i < 25; i++) {
    const res = await request.post('/api/events', {
      headers: { authorization: 'Bearer e2e-api-key' },
      data: { events: [{ account_id: m.a, title: 'Audit Summary Test', watched_at: watchedAt, seconds: 60 }] },
    });
    expect(res.ok(), await res.text()).toBe(true);
  }

  await page.goto('/audit?actor=api&action=api.events');
  const table = page.getByRole('table', { name: 'Audit entries, newest first' });
  // All 25 calls ran within a minute or two: at most two summary lines hold them.
  const lines = table.getByRole('row').filter({ hasText: /api\.events × \d+/ });
  await expect(lines.first()).toBeVisible();
  expect(await lines.count()).toBeLessThanOrEqual(2);
  await expect(table.getByText(/received \d+/).first()).toBeVisible();
  await page.screenshot({ path: '/tmp/audit-summary.png', fullPage: true });

  await lines.first().getByRole('link', { name: 'Show each' }).click();
  await expect(page).toHaveURL(/each=1/);
  await expect(page.getByLabel('Every entry (no per-minute summary of API and system writes)')).toBeChecked();
  expect(await table.getByRole('cell', { name: 'api.events', exact: true }).count()).toBeGreaterThanOrEqual(2);

  // Leaving the action out hides it; the entity and date filters keep their values in the form.
  await page.goto('/audit');
  await page.getByLabel('Leave out action').selectOption('api.events');
  const since = '2000-01-01'; // the app's clock may be moved by other specs: a day far back
  await page.getByLabel('From (UTC)').fill(since);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/exclude=api\.events/);
  await expect(table.getByText(/api\.events/)).toHaveCount(0);
  await expect(page.getByLabel('From (UTC)')).toHaveValue(since);

  await page.goto('/audit?from=2026-12-05&to=2026-12-01');
  await expect(page.getByRole('status').filter({ hasText: 'Ignored the date range' })).toBeVisible();
});
