import 'server-only';
import type Database from 'better-sqlite3';
import type { MemberCursor, MemberFilters } from '@/lib/domain/members/filters';
import type { MemberListRow, TimelineRow } from './members';
import { preparedOnce } from './prepared';
import { STATUS_IDX_TERM } from './schema/members';

// The members explorer's index walks (db/members.ts): named statements because each names the
// index it walks (INDEXED BY), which Drizzle's query builder cannot say. Every list is
// keyset-paginated on an index range; nothing counts or offsets over the whole table (5M rows).
// EXPLAIN QUERY PLAN of each filter combination is checked in db/members.test.ts.

const LIST_COLUMNS = `id, account_id AS accountId, display_name AS displayName, email, country, language, plan,
  price_minor AS priceMinor, currency, status, joined_at AS joinedAt, last_viewed_at AS lastViewedAt`;

/**
 * Which index to walk. Statuses other than active are rare (under 1%), so their (status, id) range is
 * the shortest way to any combination that includes them; otherwise a country range, then a plan range,
 * filtering the other conditions while walking in id order. Active members (99%) are found fastest by
 * walking the ids themselves. The planner's per-value guesses cannot know that 'dormant' is rare,
 * hence INDEXED BY.
 */
export function chooseIndex(f: MemberFilters): string | null {
  if (f.q) return null; // unique account id / email lookup: the planner picks it
  if (f.status && f.status !== 'active') return 'members_status_idx';
  if (f.country) return 'members_country_idx';
  if (f.plan) return 'members_plan_idx';
  return null; // the rowid order itself
}

/** The WHERE terms of a filter, plus the partial index's own term when that index is walked. */
function where(f: MemberFilters): { sql: string; params: (string | number)[] } {
  const conds: string[] = chooseIndex(f) === 'members_status_idx' ? [STATUS_IDX_TERM] : [];
  const params: (string | number)[] = [];
  if (f.q) {
    if (f.q.includes('@')) conds.push('email = ?');
    else conds.push('account_id = ?');
    params.push(f.q);
  }
  // language has no index of its own: with a country it rides that range; alone it filters the id walk
  // (a page of a language that 1 member in 20 speaks reads ~1,000 rows).
  for (const column of ['status', 'country', 'plan', 'language'] as const) {
    const value = f[column];
    if (value === undefined) continue;
    conds.push(`${column} = ?`);
    params.push(value);
  }
  return { sql: conds.join(' AND '), params };
}

function from(f: MemberFilters): string {
  const ix = chooseIndex(f);
  return ix ? `members INDEXED BY ${ix}` : 'members';
}

/** The SQL and parameters of one page query (exported for the query-plan test). */
export function listMembersQuery(f: MemberFilters, cursor: MemberCursor, limit: number) {
  const w = where(f);
  const conds = w.sql ? [w.sql] : [];
  const params = [...w.params];
  let order = 'DESC';
  if (cursor.before !== undefined) {
    conds.push('id > ?');
    params.push(cursor.before);
    order = 'ASC';
  } else if (cursor.after !== undefined) {
    conds.push('id < ?');
    params.push(cursor.after);
  }
  const sql = `SELECT ${LIST_COLUMNS} FROM ${from(f)} ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''}
    ORDER BY id ${order} LIMIT ?`;
  return { sql, params: [...params, limit + 1] };
}

/** One page plus one row (to tell whether another page follows). */
export function memberListRows(sqlite: Database.Database, f: MemberFilters, cursor: MemberCursor, limit: number) {
  const q = listMembersQuery(f, cursor, limit);
  return sqlite.prepare(q.sql).all(...q.params) as MemberListRow[];
}

/**
 * Matching members, counted only up to `cap` + 1: the same index walk as the list, stopped there —
 * but for dormant members, whose country, plan and language the partial members_segment_idx holds
 * (its term is status = 'dormant'): counted there alone, with no lookup of each member's row (up to
 * ~40,000 of them for "dormant in the US" at 20M members, 0.1 s a view).
 */
export function countMatchingUpTo(sqlite: Database.Database, f: MemberFilters, cap: number): number {
  const q = countMembersQuery(f, cap);
  return (preparedOnce(sqlite, q.sql).get(...q.params) as { n: number }).n;
}

/** The SQL and parameters of the capped count (exported for the query-plan test). */
export function countMembersQuery(f: MemberFilters, cap: number) {
  const capped = (table: string, w: { sql: string; params: (string | number)[] }) => ({
    sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} ${w.sql ? `WHERE ${w.sql}` : ''} LIMIT ${cap + 1})`,
    params: w.params,
  });
  if (f.status !== 'dormant' || f.q) return capped(from(f), where(f));
  // The partial index's own term, literally (a bound 'dormant' would not let SQLite use the index).
  const rest = where({ ...f, status: undefined });
  return capped('members INDEXED BY members_segment_idx', {
    sql: [`status = 'dormant'`, rest.sql].filter(Boolean).join(' AND '),
    params: rest.params,
  });
}

/** Distinct values of an indexed low-cardinality column by skip-scan: one index seek per value. */
export function distinctIndexed(sqlite: Database.Database, column: 'country' | 'plan'): string[] {
  return preparedOnce(
    sqlite,
    `WITH RECURSIVE v(x) AS (
         SELECT (SELECT min(${column}) FROM members)
         UNION ALL SELECT (SELECT min(${column}) FROM members WHERE ${column} > v.x) FROM v WHERE v.x IS NOT NULL)
       SELECT x FROM v WHERE x IS NOT NULL`,
  )
    .pluck()
    .all() as string[];
}

/**
 * One page (plus one row) of a member's views, walking the clustered primary key (member_id,
 * watched_at, title_id) of both event tables: viewing_events and the recent views not yet rolled
 * up into it (db/recent-views.ts; a view is in exactly one of them). `before`/`after` is the
 * (watchedAt, titleId) key to continue from, or none for the newest.
 */
export function timelineRows(
  sqlite: Database.Database,
  memberId: number,
  at: { key: [number, number]; direction: 'before' | 'after' } | null,
  limit: number,
): TimelineRow[] {
  const [term, order] =
    at?.direction === 'before'
      ? ['AND (watched_at, title_id) > (@w, @t)', 'ASC']
      : at
        ? ['AND (watched_at, title_id) < (@w, @t)', 'DESC']
        : ['', 'DESC'];
  const key = at?.key ?? [0, 0];
  // Each table's own range in key order, limited, then merged: a member's page never sorts more than 2 × (limit + 1) rows.
  const part = (table: string) => `SELECT * FROM (SELECT watched_at, title_id, seconds_watched FROM ${table}
      WHERE member_id = @m ${term} ORDER BY watched_at ${order}, title_id ${order} LIMIT @n)`;
  return sqlite
    .prepare(
      `SELECT e.watched_at AS watchedAt, e.title_id AS titleId, e.seconds_watched AS secondsWatched, t.name AS titleName, t.kind
       FROM (${part('viewing_events')} UNION ALL ${part('viewing_events_recent')}) e LEFT JOIN titles t ON t.id = e.title_id
       ORDER BY e.watched_at ${order}, e.title_id ${order} LIMIT @n`,
    )
    .all({ m: memberId, w: key[0], t: key[1], n: limit + 1 }) as TimelineRow[];
}
