import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { as } from './helpers';

// Pages are rendered by Next for every request (decision 017): nothing kept between requests may
// hide a change. A view ingested a moment ago shows on the very next reload.
test.use({ storageState: as('cx') });

test('a member page reloaded shows at once a view that arrived meanwhile', async ({ page, request }) => {
  const db = new Database(process.env.E2E_DATABASE_URL!, { readonly: true, fileMustExist: true });
  const m = db
    .prepare(
      "SELECT id, account_id AS a FROM members WHERE status = 'dormant' AND dormant_reason = 'inactive' ORDER BY id DESC LIMIT 1",
    )
    .get() as { id: number; a: string };
  db.close();
  const status = (label: string) => page.getByRole('definition').filter({ hasText: new RegExp(`^${label}$`) });

  await page.goto(`/members/${m.id}`);
  await expect(status('Dormant')).toBeVisible();
  await page.reload();
  await expect(status('Dormant')).toBeVisible();

  const res = await request.post('/api/events', {
    headers: { authorization: 'Bearer e2e-api-key' },
    data: { events: [{ account_id: m.a, title: 'Freshness Test', watched_at: new Date().toISOString(), seconds: 600 }] },
  });
  expect(res.ok(), await res.text()).toBe(true);

  await page.reload();
  await expect(status('Active')).toBeVisible();
});
