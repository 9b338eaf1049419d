import { SYSTEM_ACTOR } from '@/db/audit';
import { runUnitOfWork } from '@/db/unit-of-work';
import { recordViews } from '@/db/viewing';
import { getSqlite } from './db';

// Fixtures for the tests of the one ingestion path (recordViews) and the recent-views roll-up.

const DAY = 86_400_000;
const s = () => getSqlite();

/** recordViews in its own unit of work, as the importers and the events API run it. */
export const recordInUnit = (views: Parameters<typeof recordViews>[1], opts: { now: number }) =>
  runUnitOfWork(s(), SYSTEM_ACTOR, opts.now, ({ tx }) => recordViews(tx, views, opts));

export const countRows = (table: string) => s().prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Every stored view, from both event tables, in key order. */
export const everyView = () =>
  s()
    .prepare(
      `SELECT member_id, watched_at, title_id, seconds_watched FROM viewing_events
       UNION ALL SELECT member_id, watched_at, title_id, seconds_watched FROM viewing_events_recent ORDER BY 1, 2, 3`,
    )
    .raw()
    .all();

/** `members` members who joined long ago, with `per` views each, `per` days apart before `now`. */
export function viewingPopulation(members: number, per: number, now: number) {
  const add = s().prepare(
    `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at)
     VALUES (?, ?, 'X', 'GB', 'standard', 999, 'GBP', ?, NULL, 'active', 0)`,
  );
  const ids = Array.from({ length: members }, (_, i) =>
    Number(add.run(`RV-${i}`, `rv${i}@example.com`, now - 900 * DAY).lastInsertRowid),
  );
  const views = ids.flatMap((memberId) =>
    Array.from({ length: per }, (_, k) => ({ memberId, watchedAt: now - (k + 1) * DAY, titleId: 1, seconds: 60 + k })),
  );
  return { ids, views };
}

/** One member in a given state (status, join, last view, dormancy reason); returns its id. */
export function insertViewer(
  account: string,
  m: { status?: string; joinedAt?: number; lastViewedAt?: number | null; reason?: string | null },
) {
  return Number(
    s()
      .prepare(
        `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at, dormant_reason, dormant_since)
         VALUES (?, ?, 'X', 'GB', 'standard', 999, 'GBP', ?, ?, ?, 0, ?, ?)`,
      )
      .run(
        account,
        `${account}@example.com`,
        m.joinedAt ?? Date.parse('2020-01-01T00:00:00Z'),
        m.lastViewedAt ?? null,
        m.status ?? 'active',
        m.reason ?? null,
        m.reason ? 1 : null,
      ).lastInsertRowid,
  );
}

export const memberRow = (id: number) => s().prepare('SELECT * FROM members WHERE id = ?').get(id) as Record<string, unknown>;

/** Empty members, campaigns and both event tables, with the default policy (365/730/30/300). */
export function resetViewingTables() {
  s().exec(`DELETE FROM viewing_events; DELETE FROM viewing_events_recent; DELETE FROM campaign_members; DELETE FROM campaigns; DELETE FROM members; DELETE FROM titles; DELETE FROM policy_versions;
    INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'test', 0);`);
}

/** Empty members, titles and both event tables, with one title and the default policy (the roll-up tests). */
export function resetRecentViewTables() {
  s().exec(`DELETE FROM viewing_events; DELETE FROM viewing_events_recent; DELETE FROM members; DELETE FROM titles; DELETE FROM policy_versions;
    INSERT INTO titles (id, name) VALUES (1, 'Night Train');
    INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'test', 0);`);
}
