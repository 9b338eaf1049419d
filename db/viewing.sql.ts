import 'server-only';
import type Database from 'better-sqlite3';
import { LATE_VIEW_FUTURE_SKEW_MS, LATE_VIEW_TRUST_DAYS } from '@/lib/domain/batches/late-views';
import { DAY_MS } from '@/lib/domain/time';
import { preparedOnce } from './prepared';
import { STATUS_IDX_TERM } from './schema/members';

// The named bulk statements of recording views (db/viewing.ts recordViews and the import's
// look-ups): one statement per EVENT_CHUNK events or MEMBER_CHUNK members instead of one per row
// (the per-call cost, not SQLite, dominated row-at-a-time imports). The benchmark's raw SQL runs
// this same text (bench/steps/csv.ts).

export const EVENT_CHUNK = 256;
export const MEMBER_CHUNK = 500;
/** Account ids or member ids looked up per statement. */
export const LOOKUP_CHUNK = 500;
const INACTIVE = "('dormant', 'notified', 'proposed')";

const list = (n: number, width = 1) => {
  const row = width === 1 ? '?' : `(${Array(width).fill('?').join(', ')})`;
  return Array(n).fill(row).join(', ');
};

export const VIEW_SQL = {
  titleByName: `SELECT id FROM titles WHERE name = ? ORDER BY id LIMIT 1`,
  newTitle: `INSERT INTO titles (name) VALUES (?)`,
  // New views go to the small viewing_events_recent (db/recent-views.ts): one page per member of the
  // big table is only read, to leave out a view it already holds; the recent table's pages are few.
  insert: (n: number) =>
    `INSERT OR IGNORE INTO viewing_events_recent (member_id, watched_at, title_id, seconds_watched)
    SELECT v.column1, v.column2, v.column3, v.column4 FROM (VALUES ${list(n, 4)}) v
    WHERE NOT EXISTS (SELECT 1 FROM viewing_events e WHERE e.member_id = v.column1 AND e.watched_at = v.column2 AND e.title_id = v.column3)`,
  // Reactivated = any view after sending (holdout: after assignment) and before the deadline.
  // The earliest such view wins; the outcome moves only from 'pending', never over a confirmation.
  campaign: `UPDATE campaign_members
    SET reactivated_at = @w,
        outcome = CASE WHEN outcome = 'pending' AND confirmed_at IS NULL THEN 'reactivated' ELSE outcome END
    WHERE member_id = @m AND (reactivated_at IS NULL OR reactivated_at > @w)
      AND ((status = 'sent' AND sent_at <= @w) OR (status = 'holdout' AND assigned_at <= @w))
      AND campaign_id IN (SELECT id FROM campaigns WHERE deadline_at IS NULL OR deadline_at > @w)`,
  inCampaign: (n: number) => `SELECT DISTINCT member_id FROM campaign_members WHERE member_id IN (${list(n)})`,
  // Members who may need bringing back (the few inactive ones) or whose cancellation a late view may
  // undo (the cancelled ones), found in one probe of the small partial status index: [id, cancelled].
  notActive: (n: number) =>
    `SELECT id, status = 'cancelled' FROM members INDEXED BY members_status_idx
    WHERE status IN ('dormant', 'notified', 'proposed', 'cancelled') AND ${STATUS_IDX_TERM} AND id IN (${list(n)})`,
  // Counter reset: the member is no longer dormant from the view on; it wins over a campaign or a batch.
  // Only when this view is their latest (so a member who already has a later view is not re-woken).
  bringBack: `UPDATE members SET status = 'active', dormant_reason = NULL, dormant_since = NULL, status_changed_at = @now
    WHERE id = @m AND status IN ${INACTIVE} AND (last_viewed_at IS NULL OR last_viewed_at < @w) AND @w >= @viewedBefore`,
  accountIds: (n: number) => `SELECT account_id, id FROM members WHERE account_id IN (${list(n)})`,
  joinedAt: (n: number) => `SELECT id, joined_at FROM members WHERE id IN (${list(n)})`,
  lastView: (n: number) => `WITH v(m, w, t) AS (VALUES ${list(n, 3)})
    UPDATE members SET last_viewed_at = v.w, last_title_id = v.t FROM v
    WHERE members.id = v.m AND (members.last_viewed_at IS NULL OR members.last_viewed_at < v.w)`,
};

/** The late-view rule's bounds (lib/domain/batches/late-views.ts undoesCancellation), as SQL parameters. */
export const LATE_VIEW_PARAMS = { trust: LATE_VIEW_TRUST_DAYS * DAY_MS, skew: LATE_VIEW_FUTURE_SKEW_MS };

// Late views: views of cancelled members, watched before the cancellation, that undo it
// (lib/domain/batches/late-views.ts undoesCancellation is the rule this SQL must equal). Run only on
// the views of members the notActive probe found cancelled, one statement per EVENT_CHUNK views; the
// four writes run only when something is undone, one statement each per EVENT_CHUNK members.
const UNDONE = (n: number) => `WITH u(m, w, b, c) AS (VALUES ${list(n, 4)})`;
export const LATE_VIEW_SQL = {
  /** [member, latest undoing view, batch, cancelled at] per member whose cancellation the views undo. */
  find: (n: number) => `WITH v(m, w) AS (VALUES ${list(n, 2)})
    SELECT m.id, max(v.w), m.cancelled_batch_id, m.cancelled_at FROM v JOIN members m ON m.id = v.m
    WHERE m.status = 'cancelled' AND m.cancelled_batch_id IS NOT NULL AND m.cancelled_at IS NOT NULL
      AND m.purged_at IS NULL AND m.retention_until IS NOT NULL AND @now <= m.retention_until
      AND v.w <= @now + @skew AND v.w < m.cancelled_at AND v.w >= m.cancelled_at - @trust
    GROUP BY m.id ORDER BY m.id`,
  // A rejoins row (source 'late_view') keeps the restoration's facts beside the other restorations;
  // the overview counts undone cancellations from batch_members, never as rejoins.
  rejoins: (n: number) => `${UNDONE(n)}
    INSERT INTO rejoins (member_id, batch_id, cancelled_at, rejoined_at, price_minor, currency, source, by)
    SELECT u.m, u.b, u.c, @now, coalesce(bm.price_minor, m.price_minor), coalesce(bm.currency, m.currency), 'late_view', @by
    FROM u JOIN members m ON m.id = u.m LEFT JOIN batch_members bm ON bm.batch_id = u.b AND bm.member_id = u.m`,
  batchMembers: (n: number) => `${UNDONE(n)}
    UPDATE batch_members SET state = 'undone',
      reason = 'Cancellation undone: watched ' || strftime('%Y-%m-%d %H:%M UTC', u.w / 1000, 'unixepoch') || ', before it; the view arrived late'
    FROM u WHERE batch_members.batch_id = u.b AND batch_members.member_id = u.m AND batch_members.state = 'cancelled'`,
  audit: (n: number) => `${UNDONE(n)}
    INSERT INTO audit_log (at, actor_id, actor_label, action, entity_type, entity_id, before, after)
    SELECT @now, @actorId, @by, 'member.cancellation_undone', 'member', CAST(u.m AS TEXT),
      json_object('status', 'cancelled', 'cancelledAt', u.c, 'batchId', u.b),
      json_object('status', 'active', 'watchedAt', u.w, 'source', 'late_view')
    FROM u`,
  // Restored as 'active': the view makes them not dormant (it is within every inactivity threshold).
  members: (n: number) => `${UNDONE(n)}
    UPDATE members SET status = 'active', status_changed_at = @now, cancelled_at = NULL, cancelled_batch_id = NULL, cancellation_source = NULL,
      retention_until = NULL, dormant_reason = NULL, dormant_since = NULL
    FROM u WHERE members.id = u.m AND members.status = 'cancelled' AND members.cancelled_batch_id = u.b`,
};

/** Prepared statements per connection, the sized ones per size (a call's last chunk is shorter). */
function preparer(sqlite: Database.Database) {
  return (sql: string) => preparedOnce(sqlite, sql);
}

/** VIEW_SQL as typed calls on one connection: one call per statement run, never per row of a chunk. */
export function viewStatements(sqlite: Database.Database) {
  const stmt = preparer(sqlite);
  const one = stmt(VIEW_SQL.insert(1));
  return {
    titleByName: (name: string) => stmt(VIEW_SQL.titleByName).get(name) as { id: number } | undefined,
    newTitle: (name: string) => Number(stmt(VIEW_SQL.newTitle).run(name).lastInsertRowid),
    /** Flat [member, instant, title, seconds, …]; returns how many were new. */
    insert: (rows: number[]) => stmt(VIEW_SQL.insert(rows.length / 4)).run(rows).changes,
    insertOne: (m: number, w: number, t: number, seconds: number) => one.run(m, w, t, seconds).changes,
    campaign: (m: number, w: number) => stmt(VIEW_SQL.campaign).run({ m, w }).changes,
    inCampaign: (ids: number[]) => stmt(VIEW_SQL.inCampaign(ids.length)).pluck().all(ids) as number[],
    /** [id, 1 when cancelled else 0] of the members among `ids` who are not active. */
    notActive: (ids: number[]) => stmt(VIEW_SQL.notActive(ids.length)).raw().all(ids) as [number, number][],
    /** Flat [member, instant, …]: the cancellations these views undo, as [member, view, batch, cancelled at]. */
    findLate: (pairs: number[], now: number) =>
      stmt(LATE_VIEW_SQL.find(pairs.length / 2))
        .raw()
        .all(...pairs, { now, ...LATE_VIEW_PARAMS }) as [number, number, number, number][],
    /** Undoes the cancellations found by findLate (flat rows of four), in the order the statements need. */
    undo: (rows: number[], p: { now: number; by: string; actorId: number | null }) => {
      const n = rows.length / 4;
      stmt(LATE_VIEW_SQL.rejoins(n)).run(...rows, { now: p.now, by: p.by });
      stmt(LATE_VIEW_SQL.batchMembers(n)).run(...rows);
      stmt(LATE_VIEW_SQL.audit(n)).run(...rows, p);
      return stmt(LATE_VIEW_SQL.members(n)).run(...rows, { now: p.now }).changes;
    },
    bringBack: (p: { m: number; w: number; now: number; viewedBefore: number }) => stmt(VIEW_SQL.bringBack).run(p).changes,
    /** Flat [member, instant, title, …]. */
    lastView: (rows: number[]) => stmt(VIEW_SQL.lastView(rows.length / 3)).run(rows).changes,
    accountIds: (accounts: string[]) => stmt(VIEW_SQL.accountIds(accounts.length)).raw().all(accounts) as [string, number][],
    joinedAt: (ids: number[]) => stmt(VIEW_SQL.joinedAt(ids.length)).raw().all(ids) as [number, number][],
  };
}
export type ViewStatements = ReturnType<typeof viewStatements>;
