import { getSqlite } from '@/lib/testing/db';
import type { ActionMatrixEntry, RouteMatrixEntry } from './types';

// Members' language: the streaming backend's API key sets it; no staff role may.

let n = 0;
function member(): string {
  const accountId = `LG-${process.pid}-${++n}`;
  getSqlite()
    .prepare(
      `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, status, status_changed_at)
       VALUES (?, ?, 'Matrix Member', 'FR', 'standard', 999, 'EUR', 0, 'active', 0)`,
    )
    .run(accountId, `${accountId.toLowerCase()}@example.test`);
  return accountId;
}

export const actions: ActionMatrixEntry[] = [];

export const routes: RouteMatrixEntry[] = [
  {
    file: 'app/api/members/language/route.ts',
    method: 'PUT',
    auth: 'api-key',
    validRequest: () => ({ body: JSON.stringify({ account_id: member(), language: 'fr-CA' }) }),
  },
];
