import 'server-only';
import type Database from 'better-sqlite3';
import type { MemberCursor, MemberFilters } from '@/lib/domain/members/filters';
import { type KeysetPage, keysetPage } from '@/lib/domain/members/keyset';
import { type Member, STATUS_IDX_TERM } from './schema/members';

// Members explorer reads. Every list is keyset-paginated on an index range; nothing counts or
// offsets over the whole table (5M rows). EXPLAIN QUERY PLAN of each filter combination is checked
// in db/members.test.ts.

export type MemberListRow = Pick<
  Member,
  | 'id'
  | 'accountId'
  | 'displayName'
  | 'email'
  | 'country'
  | 'plan'
  | 'priceMinor'
  | 'currency'
  | 'status'
  | 'joinedAt'
  | 'lastViewedAt'
>;

const LIST_COLUMNS = `id, account_id AS accountId, display_name AS displayName, email, country, plan,
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
  for (const column of ['status', 'country', 'plan'] as const) {
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

export function listMembers(
  sqlite: Database.Database,
  f: MemberFilters,
  cursor: MemberCursor,
  limit = 50,
): KeysetPage<MemberListRow, number> {
  const q = listMembersQuery(f, cursor, limit);
  const rows = sqlite.prepare(q.sql).all(...q.params) as MemberListRow[];
  return keysetPage(rows, limit, cursor, (r) => r.id);
}

export const COUNT_CAP = 10_000;

/** Matching members, counted only up to COUNT_CAP (then "10,000+"), so it stays cheap at any size. */
export function countMembersCapped(sqlite: Database.Database, f: MemberFilters): { count: number; capped: boolean } {
  // The same index walk as the list, stopped after COUNT_CAP + 1 matches.
  const w = where(f);
  const table = from(f);
  const row = sqlite
    .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${table} ${w.sql ? `WHERE ${w.sql}` : ''} LIMIT ${COUNT_CAP + 1})`)
    .get(...w.params) as { n: number };
  return { count: Math.min(row.n, COUNT_CAP), capped: row.n > COUNT_CAP };
}

/** Distinct values of an indexed low-cardinality column by skip-scan: one index seek per value. */
function distinctIndexed(sqlite: Database.Database, column: 'country' | 'plan'): string[] {
  const rows = sqlite
    .prepare(
      `WITH RECURSIVE v(x) AS (
         SELECT (SELECT min(${column}) FROM members)
         UNION ALL SELECT (SELECT min(${column}) FROM members WHERE ${column} > v.x) FROM v WHERE v.x IS NOT NULL)
       SELECT x FROM v WHERE x IS NOT NULL`,
    )
    .all() as { x: string }[];
  return rows.map((r) => r.x);
}

export function memberFacets(sqlite: Database.Database): { countries: string[]; plans: string[] } {
  return { countries: distinctIndexed(sqlite, 'country'), plans: distinctIndexed(sqlite, 'plan') };
}

// --- One member ---------------------------------------------------------------------------------

export type MemberDetail = MemberListRow &
  Pick<
    Member,
    'statusChangedAt' | 'dormantReason' | 'dormantSince' | 'lastContactedAt' | 'cancelledAt' | 'retentionUntil' | 'purgedAt'
  > & { lastTitleName: string | null };

export function getMember(sqlite: Database.Database, id: number): MemberDetail | undefined {
  return sqlite
    .prepare(
      `SELECT m.id, m.account_id AS accountId, m.display_name AS displayName, m.email, m.country, m.plan,
         m.price_minor AS priceMinor, m.currency, m.status, m.joined_at AS joinedAt, m.last_viewed_at AS lastViewedAt,
         m.status_changed_at AS statusChangedAt, m.dormant_reason AS dormantReason, m.dormant_since AS dormantSince,
         m.last_contacted_at AS lastContactedAt, m.cancelled_at AS cancelledAt, m.retention_until AS retentionUntil,
         m.purged_at AS purgedAt, t.name AS lastTitleName
       FROM members m LEFT JOIN titles t ON t.id = m.last_title_id WHERE m.id = ?`,
    )
    .get(id) as MemberDetail | undefined;
}

export type TimelineRow = {
  watchedAt: number;
  titleId: number;
  secondsWatched: number;
  titleName: string | null;
  kind: string | null;
};
/** Timeline cursor "watchedAt-titleId": the primary key order of viewing_events after member_id. */
export type TimelineCursor = { after?: string; before?: string };

export function parseTimelineCursor(s: string | undefined): [number, number] | undefined {
  const m = s?.match(/^(\d{1,15})-(\d{1,12})$/);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * One page of a member's views, newest first, walking the clustered primary key (member_id,
 * watched_at, title_id) of both event tables: viewing_events and the recent views not yet rolled
 * up into it (db/recent-views.ts; a view is in exactly one of them).
 */
export function memberTimeline(
  sqlite: Database.Database,
  memberId: number,
  cursor: TimelineCursor,
  limit = 25,
): KeysetPage<TimelineRow, string> {
  const after = parseTimelineCursor(cursor.after);
  const before = parseTimelineCursor(cursor.before);
  const [term, order, at] = before
    ? ['AND (watched_at, title_id) > (@w, @t)', 'ASC', before]
    : after
      ? ['AND (watched_at, title_id) < (@w, @t)', 'DESC', after]
      : ['', 'DESC', [0, 0]];
  // Each table's own range in key order, limited, then merged: a member's page never sorts more than 2 × (limit + 1) rows.
  const part = (table: string) => `SELECT * FROM (SELECT watched_at, title_id, seconds_watched FROM ${table}
      WHERE member_id = @m ${term} ORDER BY watched_at ${order}, title_id ${order} LIMIT @n)`;
  const rows = sqlite
    .prepare(
      `SELECT e.watched_at AS watchedAt, e.title_id AS titleId, e.seconds_watched AS secondsWatched, t.name AS titleName, t.kind
       FROM (${part('viewing_events')} UNION ALL ${part('viewing_events_recent')}) e LEFT JOIN titles t ON t.id = e.title_id
       ORDER BY e.watched_at ${order}, e.title_id ${order} LIMIT @n`,
    )
    .all({ m: memberId, w: at[0], t: at[1], n: limit + 1 }) as TimelineRow[];
  const c = before ? { before: cursor.before } : after ? { after: cursor.after } : {};
  return keysetPage(rows, limit, c, (r) => `${r.watchedAt}-${r.titleId}`);
}

export type MemberCampaignRow = {
  campaignId: number;
  campaignName: string;
  variantKey: string | null;
  variantName: string | null;
  status: string;
  excludedReason: string | null;
  assignedAt: number;
  sentAt: number | null;
  confirmedAt: number | null;
  reactivatedAt: number | null;
  outcome: string;
};

export function memberCampaigns(sqlite: Database.Database, memberId: number): MemberCampaignRow[] {
  return sqlite
    .prepare(
      `SELECT cm.campaign_id AS campaignId, c.name AS campaignName, v.key AS variantKey, v.name AS variantName,
         cm.status, cm.excluded_reason AS excludedReason, cm.assigned_at AS assignedAt, cm.sent_at AS sentAt,
         cm.confirmed_at AS confirmedAt, cm.reactivated_at AS reactivatedAt, cm.outcome
       FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
       LEFT JOIN campaign_variants v ON v.id = cm.variant_id
       WHERE cm.member_id = ? ORDER BY cm.assigned_at DESC, cm.id DESC`,
    )
    .all(memberId) as MemberCampaignRow[];
}

export type MemberBatchRow = {
  batchId: number;
  batchStatus: string;
  state: string;
  reason: string | null;
  priceMinor: number;
  currency: string;
  proposedAt: number;
  decidedAt: number | null;
  executedAt: number | null;
};

export function memberBatches(sqlite: Database.Database, memberId: number): MemberBatchRow[] {
  return sqlite
    .prepare(
      `SELECT bm.batch_id AS batchId, b.status AS batchStatus, bm.state, bm.reason, bm.price_minor AS priceMinor,
         bm.currency, b.proposed_at AS proposedAt, bm.decided_at AS decidedAt, b.executed_at AS executedAt
       FROM batch_members bm JOIN batches b ON b.id = bm.batch_id
       WHERE bm.member_id = ? ORDER BY bm.batch_id DESC`,
    )
    .all(memberId) as MemberBatchRow[];
}
