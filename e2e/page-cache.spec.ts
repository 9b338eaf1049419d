import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { as } from './helpers';

// The production server keeps rendered pages (scripts/serve.js, decision 013). A kept page must
// never hide a change: a view ingested a moment ago shows on the very next reload.
test.use({ storageState: as('cx') });

test('a member page served again shows at once a view that arrived meanwhile', async ({ page, request }) => {
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
  const again = await page.reload();
  expect(again?.headers()['x-rekindle-cache']).toBe('hit');

  const res = await request.post('/api/events', {
    headers: { authorization: 'Bearer e2e-api-key' },
    data: { events: [{ account_id: m.a, title: 'Page Cache Test', watched_at: new Date().toISOString(), seconds: 600 }] },
  });
  expect(res.ok(), await res.text()).toBe(true);

  const after = await page.reload();
  expect(after?.headers()['x-rekindle-cache']).toBe('miss');
  await expect(status('Active')).toBeVisible();
});
