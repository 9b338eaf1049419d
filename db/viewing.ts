import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { cutoffs, type PolicyValues } from '@/lib/domain/dormancy';
import {
  latestPerMember,
  memberChunks,
  memberOrder,
  type ViewColumns,
  type ViewEvent,
  viewColumns,
} from '@/lib/domain/members/views';
import { now as clockNow } from '@/lib/runtime/clock';
import { type Actor, SYSTEM_ACTOR } from './audit';
import { policyRow } from './policy';
import { members } from './schema';
import type { Tx } from './unit-of-work';
import { EVENT_CHUNK, LOOKUP_CHUNK, MEMBER_CHUNK, type ViewStatements, viewStatements } from './viewing.sql';

// The one code path for every recorded view (CSV import, POST /api/events, seed, tests).

export type { ViewColumns, ViewEvent };
export type RecordResult = {
  inserted: number;
  duplicates: number;
  membersBroughtBack: number;
  titlesCreated: number;
  /** Members restored because a view from before their batch cancellation arrived after it. */
  cancellationsUndone: number;
};

/**
 * Records views idempotently (the same member, instant and title twice is one row) inside the
 * caller's unit of work: stores new events, keeps members.last_viewed_at/last_title_id at the
 * latest view, marks campaign recipients reactivated, and brings a dormant, notified or proposed
 * member back to active at once.
 *
 * "Brought back" needs the view to end their dormancy under the current policy as of `now`: a view
 * from years ago that arrives late is stored, but it does not make an inactive member active
 * (they would still be dormant by the rule; docs/notes/dormancy.md).
 *
 * A view watched shortly before a member's batch cancellation that arrives after it undoes that
 * cancellation in the same transaction (lib/domain/batches/late-views.ts; decision 020): the member
 * is active again, with a rejoins row (source 'late_view'), the batch row marked 'undone' and an
 * audit entry by `actor`.
 *
 * Set-based in member order: inserts go into the clustered (member, time) key one neighbourhood
 * after another, and each member's row is read and written once, by one statement per chunk.
 *
 * No transaction or savepoint of its own: a savepoint makes SQLite keep a copy of every page it
 * changes (~700 MB for a 500k-event import), and every caller rolls back whole anyway.
 */
export function recordViews(
  tx: Tx,
  events: readonly ViewEvent[] | ViewColumns,
  opts: { now?: number; policy?: PolicyValues; actor?: Actor } = {},
): RecordResult {
  if (!tx.sqlite.inTransaction) throw new Error('recordViews runs inside a unit of work (runUnitOfWork).');
  const v = Array.isArray(events) ? viewColumns(events) : (events as ViewColumns);
  const st = viewStatements(tx.sqlite);
  const now = opts.now ?? clockNow();
  const { viewedBefore } = cutoffs(opts.policy ?? policyRow(tx.db), now);
  let titlesCreated = 0;
  const titleIds = v.titles.map((t) => {
    if ('id' in t) return t.id;
    if (!t.name) throw new Error('A view needs a title id or a title name.');
    const row = st.titleByName(t.name);
    if (row) return row.id;
    titlesCreated++;
    return st.newTitle(t.name);
  });

  const order = memberOrder(v.memberId, v.length);
  const latest = latestPerMember(v, order, titleIds);
  const { broughtBack: membersBroughtBack, cancelled } = updateMembers(st, latest, { now, viewedBefore });
  const cancellationsUndone = cancelled.size ? undoLateViews(st, v, order, cancelled, now, opts.actor ?? SYSTEM_ACTOR) : 0;
  const inserted = insertEvents(st, v, order, titleIds, latest);
  return { inserted, duplicates: v.length - inserted, membersBroughtBack, titlesCreated, cancellationsUndone };
}

/**
 * Pass 1, along the members table (an import has just read these rows to check join dates, so they
 * are still cached): the counter reset, then last_viewed_at. The reset comes first because it needs
 * this view to be the member's latest. A duplicate view changes nothing: last_viewed_at covers it.
 * The same probe of the status index finds the cancelled members, whose views may undo their
 * cancellation. Returns how many members were brought back, and the cancelled ones.
 */
function updateMembers(st: ViewStatements, latest: number[], at: { now: number; viewedBefore: number }) {
  let broughtBack = 0;
  const cancelled = new Set<number>();
  for (const { rows, ids } of memberChunks(latest, MEMBER_CHUNK)) {
    const inactive = new Set<number>();
    for (const [id, isCancelled] of st.notActive(ids)) (isCancelled ? cancelled : inactive).add(id);
    if (inactive.size)
      for (let i = 0; i < rows.length; i += 3)
        if (inactive.has(rows[i] as number))
          broughtBack += st.bringBack({ m: rows[i] as number, w: rows[i + 1] as number, ...at });
    st.lastView(rows);
  }
  return { broughtBack, cancelled };
}

/**
 * The views of cancelled members, EVENT_CHUNK per statement, checked by LATE_VIEW_SQL.find; the
 * cancellations they undo are undone in the same chunks. A member whose views span two chunks is
 * undone by the first (the second finds them active). Returns how many were undone.
 */
function undoLateViews(st: ViewStatements, v: ViewColumns, order: Int32Array, cancelled: Set<number>, now: number, actor: Actor) {
  let undone = 0;
  const pairs: number[] = [];
  const flush = () => {
    const found = st.findLate(pairs, now);
    if (found.length) undone += st.undo(found.flat(), { now, by: actor.label, actorId: actor.id });
    pairs.length = 0;
  };
  for (let i = 0; i < v.length; i++) {
    const e = order[i] as number;
    const m = v.memberId[e] as number;
    if (!cancelled.has(m)) continue;
    pairs.push(m, v.watchedAt[e] as number);
    if (pairs.length === EVENT_CHUNK * 2) flush();
  }
  if (pairs.length) flush();
  return undone;
}

/**
 * Pass 2, along the events table, in member order. Most members were never in a campaign: their
 * events go in EVENT_CHUNK-row statements; the others one by one, so that only a newly stored view
 * marks a recipient reactivated. Returns how many events were new.
 */
function insertEvents(st: ViewStatements, v: ViewColumns, order: Int32Array, titleIds: number[], latest: number[]): number {
  const inCampaign = new Set<number>();
  for (const { ids } of memberChunks(latest, MEMBER_CHUNK)) for (const m of st.inCampaign(ids)) inCampaign.add(m);
  let inserted = 0;
  const batch: number[] = [];
  const flush = () => {
    if (batch.length) inserted += st.insert(batch);
    batch.length = 0;
  };
  for (let i = 0; i < v.length; i++) {
    const e = order[i] as number;
    const m = v.memberId[e] as number;
    const w = v.watchedAt[e] as number;
    const t = titleIds[v.title[e] as number] as number;
    if (!inCampaign.has(m)) {
      batch.push(m, w, t, v.seconds[e] as number);
      if (batch.length === EVENT_CHUNK * 4) flush();
    } else if (st.insertOne(m, w, t, v.seconds[e] as number)) {
      inserted++;
      st.campaign(m, w);
    }
  }
  flush();
  return inserted;
}

export type MemberRef = { id: number; joinedAt: number };

/** Account id -> member (id, joined), cached for one API call: batches repeat the same accounts. */
export function memberLookup(tx: Pick<Tx, 'db'>): (accountId: string) => MemberRef | undefined {
  const stmt = tx.db
    .select({ id: members.id, joinedAt: members.joinedAt })
    .from(members)
    .where(eq(members.accountId, sql.placeholder('accountId')))
    .prepare();
  const seen = new Map<string, MemberRef | undefined>();
  return (accountId) => {
    if (seen.has(accountId)) return seen.get(accountId);
    const m = stmt.get({ accountId });
    if (seen.size < 1_000_000) seen.set(accountId, m);
    return m;
  };
}

/**
 * Member ids for many account ids at once, by the position `slots` gives each account (0 = no such
 * member), for a bulk import. Looked up in account order, LOOKUP_CHUNK per statement, reading only
 * the account index: one pass along it instead of a random descent per account.
 */
export function memberIdsByAccount(tx: Pick<Tx, 'sqlite'>, slots: ReadonlyMap<string, number>): Int32Array {
  const ids = new Int32Array(slots.size);
  const sorted = [...slots.keys()].sort();
  const st = viewStatements(tx.sqlite);
  for (let i = 0; i < sorted.length; i += LOOKUP_CHUNK)
    for (const [a, id] of st.accountIds(sorted.slice(i, i + LOOKUP_CHUNK))) ids[slots.get(a) as number] = id;
  return ids;
}

/** joined_at for member ids (in the order given; ascending ids read the table front to back). */
export function joinedAtOf(tx: Pick<Tx, 'sqlite'>, ids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  const st = viewStatements(tx.sqlite);
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK)
    for (const [id, j] of st.joinedAt(ids.slice(i, i + LOOKUP_CHUNK))) out.set(id, j);
  return out;
}
