import 'server-only';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { now as clockNow } from '@/lib/clock';
import { cutoffs, type PolicyValues } from '@/lib/dormancy';
import type { Db } from './client';
import { policyRow } from './dormancy';
import * as schema from './schema';

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

const SQL = {
  titleByName: `SELECT id FROM titles WHERE name = ? ORDER BY id LIMIT 1`,
  newTitle: `INSERT INTO titles (name) VALUES (?)`,
  insert: `INSERT OR IGNORE INTO viewing_events (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, ?, ?)`,
  // Reactivated = any view after sending (holdout: after assignment) and before the deadline.
  // The earliest such view wins; the outcome moves only from 'pending', never over a confirmation.
  campaign: `UPDATE campaign_members
    SET reactivated_at = @w,
        outcome = CASE WHEN outcome = 'pending' AND confirmed_at IS NULL THEN 'reactivated' ELSE outcome END
    WHERE member_id = @m AND (reactivated_at IS NULL OR reactivated_at > @w)
      AND ((status = 'sent' AND sent_at <= @w) OR (status = 'holdout' AND assigned_at <= @w))
      AND campaign_id IN (SELECT id FROM campaigns WHERE deadline_at IS NULL OR deadline_at > @w)`,
  inCampaign: `SELECT 1 FROM campaign_members WHERE member_id = ? LIMIT 1`,
  // Returns the member's status when the view is their latest, so the counter reset below runs only
  // for members who need it (most are active): one statement per member instead of two.
  lastView: `UPDATE members SET last_viewed_at = @w, last_title_id = @t
    WHERE id = @m AND (last_viewed_at IS NULL OR last_viewed_at < @w)
    RETURNING status`,
  // Counter reset: the member is no longer dormant from the view on; it wins over a campaign or a batch.
  bringBack: `UPDATE members SET status = 'active', dormant_reason = NULL, dormant_since = NULL, status_changed_at = @now
    WHERE id = @m AND status IN ('dormant', 'notified', 'proposed') AND last_viewed_at >= @viewedBefore`,
};

type Stmts = Record<keyof typeof SQL, Database.Statement>;
const cache = new WeakMap<Database.Database, Stmts>();
function stmts(sqlite: Database.Database): Stmts {
  let s = cache.get(sqlite);
  if (!s) {
    s = Object.fromEntries(Object.entries(SQL).map(([k, v]) => [k, sqlite.prepare(v)])) as Stmts;
    cache.set(sqlite, s);
  }
  return s;
}

/**
 * Records views idempotently (the same member, instant and title twice is one row) in one
 * transaction (a savepoint if the caller already opened one): stores new events, keeps
 * members.last_viewed_at/last_title_id at the latest view, marks campaign recipients reactivated,
 * and brings a dormant, notified or proposed member back to active at once.
 *
 * "Brought back" needs the view to end their dormancy under the current policy as of `now`: a view
 * from years ago that arrives late is stored, but it does not make an inactive member active
 * (they would still be dormant by the rule; docs/notes/dormancy.md).
 */
export function recordViews(
  sqlite: Database.Database,
  events: readonly ViewEvent[],
  opts: { now?: number; policy?: PolicyValues } = {},
): RecordResult {
  const s = stmts(sqlite);
  return sqlite
    .transaction((): RecordResult => {
      const now = opts.now ?? clockNow();
      const { viewedBefore } = cutoffs(opts.policy ?? policyRow(sqlite), now);
      const titleIds = new Map<string, number>();
      let titlesCreated = 0;
      const titleOf = (e: ViewEvent): number => {
        if (e.titleId != null) return e.titleId;
        const name = (e.title ?? '').trim();
        if (!name) throw new Error('A view needs a title id or a title name.');
        let id = titleIds.get(name);
        if (id == null) {
          const row = s.titleByName.get(name) as { id: number } | undefined;
          if (row) id = row.id;
          else {
            id = Number(s.newTitle.run(name).lastInsertRowid);
            titlesCreated++;
          }
          titleIds.set(name, id);
        }
        return id;
      };

      // Member order keeps inserts into the clustered (member, time) key close together.
      const sorted = [...events].sort((a, b) => a.memberId - b.memberId || a.watchedAt - b.watchedAt);
      const latest = new Map<number, { w: number; t: number }>();
      let inserted = 0;
      // Most members were never in a campaign: look once per member, not once per event.
      let member = -1;
      let inCampaign = false;
      for (const e of sorted) {
        const t = titleOf(e);
        if (s.insert.run(e.memberId, e.watchedAt, t, e.seconds).changes === 0) continue;
        inserted++;
        if (e.memberId !== member) {
          member = e.memberId;
          inCampaign = s.inCampaign.get(member) !== undefined;
        }
        if (inCampaign) s.campaign.run({ m: e.memberId, w: e.watchedAt });
        const cur = latest.get(e.memberId);
        if (!cur || e.watchedAt >= cur.w) latest.set(e.memberId, { w: e.watchedAt, t });
      }
      let membersBroughtBack = 0;
      for (const [m, { w, t }] of latest) {
        const r = s.lastView.get({ m, w, t }) as { status: string } | undefined;
        // An older view than the latest one cannot end a dormancy the latest did not end.
        if (r && r.status !== 'active' && r.status !== 'cancelled' && w >= viewedBefore)
          membersBroughtBack += s.bringBack.run({ m, now, viewedBefore }).changes;
      }
      return { inserted, duplicates: events.length - inserted, membersBroughtBack, titlesCreated };
    })
    .immediate();
}

export type MemberRef = { id: number; joinedAt: number };

/** Account id -> member (id, joined), cached for one import: files repeat the same accounts. */
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
