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
  { file: 'app/api/events/route.ts', method: 'POST', auth: 'api-key' },
  { file: 'app/api/import/events/route.ts', method: 'POST', auth: ['admin', 'cx_manager'] },
  { file: 'app/api/import/members/route.ts', method: 'POST', auth: ['admin', 'cx_manager'] },
];
