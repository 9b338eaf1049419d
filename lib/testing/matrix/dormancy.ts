import { getSqlite } from '@/lib/testing/db';
import type { ActionMatrixEntry, RouteMatrixEntry } from './types';

/** The scan needs a policy version; the per-file test database starts with none. */
function ensurePolicy() {
  const s = getSqlite();
  if (!s.prepare('SELECT 1 FROM policy_versions').get())
    s.prepare(
      `INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'system', 0)`,
    ).run();
}

let n = 0;
/** A fresh member who joined long ago, for the event routes (an event needs an existing member). */
function member(): string {
  ensurePolicy();
  const accountId = `DX-${process.pid}-${++n}`;
  getSqlite()
    .prepare(
      `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, status, status_changed_at)
       VALUES (?, ?, 'Matrix Member', 'GB', 'standard', 999, 'GBP', 0, 'active', 0)`,
    )
    .run(accountId, `${accountId.toLowerCase()}@example.test`);
  return accountId;
}

// A fresh set of values each call, so a save is never refused as "no change".
const values = () => ({
  neverWatchedDays: 300 + Math.floor(Math.random() * 100),
  inactiveDays: 700 + Math.floor(Math.random() * 100),
  responseDays: 30,
  retentionDays: 300,
  note: 'matrix',
});

export const actions: ActionMatrixEntry[] = [
  { action: 'policy.preview', allowed: ['admin'], validInput: values },
  { action: 'policy.save', allowed: ['admin'], validInput: values },
  {
    action: 'dormancy.scan',
    allowed: ['admin'],
    validInput: () => {
      ensurePolicy();
      return {};
    },
  },
];

export const routes: RouteMatrixEntry[] = [
  {
    file: 'app/api/events/route.ts',
    method: 'POST',
    auth: 'api-key',
    validRequest: () => ({
      body: JSON.stringify({
        events: [{ account_id: member(), title: 'Matrix', watched_at: new Date().toISOString(), seconds: 60 }],
      }),
    }),
  },
  {
    file: 'app/api/import/events/route.ts',
    method: 'POST',
    auth: ['admin', 'cx_manager'],
    validRequest: () => ({
      headers: { 'content-type': 'text/csv' },
      body: `account_id,title,watched_at,seconds\n${member()},Matrix,${new Date().toISOString()},60\n`,
    }),
  },
  {
    file: 'app/api/import/members/route.ts',
    method: 'POST',
    auth: ['admin', 'cx_manager'],
    validRequest: () => ({
      headers: { 'content-type': 'text/csv' },
      body: `account_id,email,display_name,country,plan,price_minor,currency,joined_at\nMI-${process.pid}-${++n},mi${n}@example.test,Matrix,GB,standard,999,GBP,2025-06-01\n`,
    }),
  },
  {
    file: 'app/api/import/progress/route.ts',
    method: 'GET',
    auth: ['admin', 'cx_manager'],
    validRequest: () => ({ query: { id: 'matrix-import-0001' } }),
  },
];
