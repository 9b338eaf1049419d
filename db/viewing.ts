import 'server-only';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { cutoffs, type PolicyValues } from '@/lib/domain/dormancy';
import { now as clockNow } from '@/lib/runtime/clock';
import type { Db } from './client';
import { policyRow } from './dormancy';
import * as schema from './schema';
import { STATUS_IDX_TERM } from './schema/members';

// The one code path for every recorded view (CSV import, POST /api/events, seed, tests).

export type ViewEvent = {
  memberId: number;
  watchedAt: number;
  /** Either an existing title id, or a title name (an unknown name creates the title). */
  titleId?: number;
  title?: string;
  seconds: number;
};

export type RecordResult = { inserted: number; duplicates: number; membersBroughtBack: number; titlesCreated: number };

// Chunk sizes for the set-based statements: one statement per EVENT_CHUNK events or MEMBER_CHUNK
// members instead of one per row (the per-call cost, not SQLite, dominated row-at-a-time imports).
const EVENT_CHUNK = 256;
const MEMBER_CHUNK = 500;
const INACTIVE = "('dormant', 'notified', 'proposed')";

const list = (n: number, width = 1) => {
  const row = width === 1 ? '?' : `(${Array(width).fill('?').join(', ')})`;
  return Array(n).fill(row).join(', ');
};

/** The statements recordViews runs; exported so the benchmark's raw SQL is the same text. */
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
  // Members who may need bringing back: the few inactive ones, found in the small partial status index.
  inactive: (n: number) =>
    `SELECT id FROM members INDEXED BY members_status_idx WHERE status IN ${INACTIVE} AND ${STATUS_IDX_TERM} AND id IN (${list(n)})`,
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

/** Prepared statements per connection, the sized ones per size (a call's last chunk is shorter). */
function preparer(sqlite: Database.Database) {
  let c = cache.get(sqlite);
  if (!c) {
    c = new Map();
    cache.set(sqlite, c);
  }
  const m = c;
  return (sql: string) => {
    let st = m.get(sql);
    if (!st) {
      st = sqlite.prepare(sql);
      m.set(sql, st);
    }
    return st;
  };
}
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * Views in columns (an import holds millions; objects per event would double its memory and time).
 * `title[i]` indexes `titles`: an existing title id, or a name (an unknown name creates the title).
 */
export type ViewColumns = {
  length: number;
  memberId: ArrayLike<number>;
  watchedAt: ArrayLike<number>;
  seconds: ArrayLike<number>;
  title: ArrayLike<number>;
  titles: readonly ({ id: number } | { name: string })[];
};

/** ViewEvent objects as columns (titles named by the same name share one entry). */
export function viewColumns(events: readonly ViewEvent[]): ViewColumns {
  const titles: ({ id: number } | { name: string })[] = [];
  const byKey = new Map<string, number>();
  const title = new Int32Array(events.length);
  events.forEach((e, i) => {
    const key = e.titleId != null ? `#${e.titleId}` : `=${(e.title ?? '').trim()}`;
    let t = byKey.get(key);
    if (t === undefined) {
      t = titles.length;
      titles.push(e.titleId != null ? { id: e.titleId } : { name: (e.title ?? '').trim() });
      byKey.set(key, t);
    }
    title[i] = t;
  });
  return {
    length: events.length,
    memberId: events.map((e) => e.memberId),
    watchedAt: events.map((e) => e.watchedAt),
    seconds: events.map((e) => e.seconds),
    title,
    titles,
  };
}

/** Event indices ordered by member, then input order (a stable sort on one packed float key). */
export function memberOrder(memberId: ArrayLike<number>, length: number): Int32Array {
  const SHIFT = 2 ** 24;
  const order = new Int32Array(length);
  if (length >= SHIFT) {
    const idx = Array.from({ length }, (_, i) => i).sort((a, b) => (memberId[a] as number) - (memberId[b] as number) || a - b);
    order.set(idx);
    return order;
  }
  const keys = new Float64Array(length);
  for (let i = 0; i < length; i++) keys[i] = (memberId[i] as number) * SHIFT + i;
  keys.sort();
  for (let i = 0; i < length; i++) order[i] = (keys[i] as number) % SHIFT;
  return order;
}

/**
 * Records views idempotently (the same member, instant and title twice is one row) in one
 * transaction (the caller's, if one is open): stores new events, keeps
 * members.last_viewed_at/last_title_id at the latest view, marks campaign recipients reactivated,
 * and brings a dormant, notified or proposed member back to active at once.
 *
 * "Brought back" needs the view to end their dormancy under the current policy as of `now`: a view
 * from years ago that arrives late is stored, but it does not make an inactive member active
 * (they would still be dormant by the rule; docs/notes/dormancy.md).
 *
 * Set-based in member order: inserts go into the clustered (member, time) key one neighbourhood
 * after another, and each member's row is read and written once, by one statement per chunk.
 */
export function recordViews(
  sqlite: Database.Database,
  events: readonly ViewEvent[] | ViewColumns,
  opts: { now?: number; policy?: PolicyValues } = {},
): RecordResult {
  const v = Array.isArray(events) ? viewColumns(events) : (events as ViewColumns);
  const stmt = preparer(sqlite);
  const record = (): RecordResult => {
    const now = opts.now ?? clockNow();
    const { viewedBefore } = cutoffs(opts.policy ?? policyRow(sqlite), now);
    let titlesCreated = 0;
    const titleIds = v.titles.map((t) => {
      if ('id' in t) return t.id;
      if (!t.name) throw new Error('A view needs a title id or a title name.');
      const row = stmt(VIEW_SQL.titleByName).get(t.name) as { id: number } | undefined;
      if (row) return row.id;
      titlesCreated++;
      return Number(stmt(VIEW_SQL.newTitle).run(t.name).lastInsertRowid);
    });

    const order = memberOrder(v.memberId, v.length);
    const latest = latestPerMember(v, order, titleIds);
    const membersBroughtBack = updateMembers(stmt, latest, { now, viewedBefore });
    const inserted = insertEvents(stmt, v, order, titleIds, latest);
    return { inserted, duplicates: v.length - inserted, membersBroughtBack, titlesCreated };
  };
  // Inside a caller's transaction, no savepoint of its own: a savepoint makes SQLite keep a copy of
  // every page it changes (hundreds of MB for a big import), and every caller rolls back whole anyway.
  return sqlite.inTransaction ? record() : sqlite.transaction(record).immediate();
}

type Stmt = ReturnType<typeof preparer>;

/** Per member, in id order, flat: [id, latest instant, its title, id, …] (ties: the later event in the file). */
function latestPerMember(v: ViewColumns, order: Int32Array, titleIds: number[]): number[] {
  const latest: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const e = order[i] as number;
    const m = v.memberId[e] as number;
    const w = v.watchedAt[e] as number;
    const t = titleIds[v.title[e] as number] as number;
    const n = latest.length;
    if (m !== latest[n - 3]) latest.push(m, w, t);
    else if (w >= (latest[n - 2] as number)) {
      latest[n - 2] = w;
      latest[n - 1] = t;
    }
  }
  return latest;
}

/** `latest` cut into MEMBER_CHUNK members each, with their ids. */
function memberChunks(latest: number[]): { rows: number[]; ids: number[] }[] {
  const per = MEMBER_CHUNK * 3;
  return Array.from({ length: Math.ceil(latest.length / per) }, (_, c) => {
    const rows = latest.slice(c * per, (c + 1) * per);
    return { rows, ids: rows.filter((_, i) => i % 3 === 0) };
  });
}

/**
 * Pass 1, along the members table (an import has just read these rows to check join dates, so they
 * are still cached): the counter reset, then last_viewed_at. The reset comes first because it needs
 * this view to be the member's latest. A duplicate view changes nothing: last_viewed_at covers it.
 * Returns how many members were brought back.
 */
function updateMembers(stmt: Stmt, latest: number[], at: { now: number; viewedBefore: number }): number {
  let broughtBack = 0;
  for (const { rows, ids } of memberChunks(latest)) {
    const inactive = new Set(stmt(VIEW_SQL.inactive(ids.length)).pluck().all(ids) as number[]);
    if (inactive.size)
      for (let i = 0; i < rows.length; i += 3)
        if (inactive.has(rows[i] as number))
          broughtBack += stmt(VIEW_SQL.bringBack).run({ m: rows[i], w: rows[i + 1], ...at }).changes;
    stmt(VIEW_SQL.lastView(ids.length)).run(rows);
  }
  return broughtBack;
}

/**
 * Pass 2, along the events table, in member order. Most members were never in a campaign: their
 * events go in EVENT_CHUNK-row statements; the others one by one, so that only a newly stored view
 * marks a recipient reactivated. Returns how many events were new.
 */
function insertEvents(stmt: Stmt, v: ViewColumns, order: Int32Array, titleIds: number[], latest: number[]): number {
  const inCampaign = new Set<number>();
  for (const { ids } of memberChunks(latest))
    for (const m of stmt(VIEW_SQL.inCampaign(ids.length)).pluck().all(ids) as number[]) inCampaign.add(m);
  let inserted = 0;
  const batch: number[] = [];
  const flush = () => {
    if (batch.length) inserted += stmt(VIEW_SQL.insert(batch.length / 4)).run(batch).changes;
    batch.length = 0;
  };
  const one = stmt(VIEW_SQL.insert(1));
  for (let i = 0; i < v.length; i++) {
    const e = order[i] as number;
    const m = v.memberId[e] as number;
    const w = v.watchedAt[e] as number;
    const t = titleIds[v.title[e] as number] as number;
    if (!inCampaign.has(m)) {
      batch.push(m, w, t, v.seconds[e] as number);
      if (batch.length === EVENT_CHUNK * 4) flush();
    } else if (one.run(m, w, t, v.seconds[e]).changes) {
      inserted++;
      stmt(VIEW_SQL.campaign).run({ m, w });
    }
  }
  flush();
  return inserted;
}

export type MemberRef = { id: number; joinedAt: number };

/** Account id -> member (id, joined), cached for one API call: batches repeat the same accounts. */
export function memberLookup(sqlite: Database.Database): (accountId: string) => MemberRef | undefined {
  const stmt = sqlite.prepare('SELECT id, joined_at AS joinedAt FROM members WHERE account_id = ?');
  const seen = new Map<string, MemberRef | undefined>();
  return (accountId) => {
    if (seen.has(accountId)) return seen.get(accountId);
    const m = stmt.get(accountId) as MemberRef | undefined;
    if (seen.size < 1_000_000) seen.set(accountId, m);
    return m;
  };
}

const LOOKUP_CHUNK = 500;

/**
 * Member ids for many account ids at once, by the position `slots` gives each account (0 = no such
 * member), for a bulk import. Looked up in account order, LOOKUP_CHUNK per statement, reading only
 * the account index: one pass along it instead of a random descent per account.
 */
export function memberIdsByAccount(sqlite: Database.Database, slots: ReadonlyMap<string, number>): Int32Array {
  const ids = new Int32Array(slots.size);
  const sorted = [...slots.keys()].sort();
  const stmt = preparer(sqlite);
  for (let i = 0; i < sorted.length; i += LOOKUP_CHUNK) {
    const part = sorted.slice(i, i + LOOKUP_CHUNK);
    const rows = stmt(VIEW_SQL.accountIds(part.length)).raw().all(part) as [string, number][];
    for (const [a, id] of rows) ids[slots.get(a) as number] = id;
  }
  return ids;
}

/** joined_at for member ids (in the order given; ascending ids read the table front to back). */
export function joinedAtOf(sqlite: Database.Database, ids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  const stmt = preparer(sqlite);
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const part = ids.slice(i, i + LOOKUP_CHUNK);
    const rows = stmt(VIEW_SQL.joinedAt(part.length)).raw().all(part) as [number, number][];
    for (const [id, j] of rows) out.set(id, j);
  }
  return out;
}

/** A Drizzle handle over the raw one (for audit() inside a raw transaction). */
export function drizzleOf(sqlite: Database.Database): Db {
  let d = drizzles.get(sqlite);
  if (!d) {
    d = drizzle(sqlite, { schema });
    drizzles.set(sqlite, d);
  }
  return d;
}
const drizzles = new WeakMap<Database.Database, Db>();
