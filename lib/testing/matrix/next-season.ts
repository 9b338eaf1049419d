import { getSqlite } from '@/lib/testing/db';
import type { ActionMatrixEntry, RouteMatrixEntry } from './types';

// Next-season win-backs: consent set by the streaming backend's API key; the one-step draft by
// campaign editors. Each row builds its own series, cancelled viewer and member.

const DAY = 86_400_000;
let n = 0;

function member(status = 'active'): { id: number; accountId: string } {
  const accountId = `NS-${process.pid}-${++n}`;
  const r = getSqlite()
    .prepare(
      `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, status, status_changed_at,
         cancelled_at, cancellation_source, retention_until)
       VALUES (?, ?, 'Matrix Member', 'FR', 'standard', 999, 'EUR', 0, ?, 0, ?, ?, ?)`,
    )
    .run(
      accountId,
      `${accountId.toLowerCase()}@example.test`,
      status,
      status === 'cancelled' ? Date.now() - DAY : null,
      status === 'cancelled' ? 'batch' : null,
      status === 'cancelled' ? Date.now() + 200 * DAY : null,
    );
  return { id: Number(r.lastInsertRowid), accountId };
}

/** A series with two seasons, season 1 watched by a member cancelled by a batch; returns season 2's id. */
function newSeason(): number {
  const sqlite = getSqlite();
  if (!sqlite.prepare('SELECT 1 FROM policy_versions LIMIT 1').get())
    sqlite.exec(`INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at)
                 VALUES (365, 730, 30, 300, 'system', 0)`);
  const series = `Matrix Saga ${process.pid}-${++n}`;
  const add = sqlite.prepare(`INSERT INTO titles (name, kind, series, season) VALUES (?, 'series', ?, ?)`);
  const s1 = Number(add.run(`${series}: Season 1`, series, 1).lastInsertRowid);
  const s2 = Number(add.run(`${series}: Season 2`, series, 2).lastInsertRowid);
  const m = member('cancelled');
  sqlite
    .prepare('INSERT INTO viewing_events (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, ?, 2700)')
    .run(m.id, Date.now() - 400 * DAY, s1);
  return s2;
}

export const actions: ActionMatrixEntry[] = [
  { action: 'catalogue.inviteBack', allowed: ['admin', 'cx_manager'], validInput: () => ({ titleId: String(newSeason()) }) },
];

export const routes: RouteMatrixEntry[] = [
  {
    file: 'app/api/members/consent/route.ts',
    method: 'PUT',
    auth: 'api-key',
    validRequest: () => ({ body: JSON.stringify({ account_id: member().accountId, winback_consent: false }) }),
  },
];
