import 'server-only';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { type Actor, audit } from './audit';
import type { Db } from './client';
import * as schema from './schema';

// The suppression list: members who must never be contacted (complaints, legal requests).
// Campaign segments leave them out (h3) and the sender refuses them at send time (db/delivery.ts).

const drizzles = new WeakMap<Database.Database, Db>();
function orm(sqlite: Database.Database): Db {
  let d = drizzles.get(sqlite);
  if (!d) {
    d = drizzle(sqlite, { schema }) as unknown as Db;
    drizzles.set(sqlite, d);
  }
  return d;
}

export type SuppressionEntry = { memberId: number; accountId: string; reason: string; addedBy: string; addedAt: number };

/** Newest first; keyset cursor on (added_at, member_id). */
export function listSuppressions(
  sqlite: Database.Database,
  opts: { limit: number; before?: { addedAt: number; memberId: number }; accountId?: string },
): SuppressionEntry[] {
  const b = opts.before;
  return sqlite
    .prepare(
      `SELECT s.member_id AS memberId, m.account_id AS accountId, s.reason, s.added_by AS addedBy, s.added_at AS addedAt
       FROM suppressions s JOIN members m ON m.id = s.member_id
       WHERE (@accountId IS NULL OR m.account_id = @accountId)
         AND (@addedAt IS NULL OR s.added_at < @addedAt OR (s.added_at = @addedAt AND s.member_id < @memberId))
       ORDER BY s.added_at DESC, s.member_id DESC LIMIT @limit`,
    )
    .all({
      accountId: opts.accountId ?? null,
      addedAt: b?.addedAt ?? null,
      memberId: b?.memberId ?? null,
      limit: opts.limit,
    }) as SuppressionEntry[];
}

export function countSuppressions(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM suppressions').get() as { n: number }).n;
}

function memberIdFor(sqlite: Database.Database, accountId: string): number | undefined {
  return (sqlite.prepare('SELECT id FROM members WHERE account_id = ?').get(accountId) as { id: number } | undefined)?.id;
}

function isSuppressed(sqlite: Database.Database, memberId: number) {
  return !!sqlite.prepare('SELECT 1 FROM suppressions WHERE member_id = ?').get(memberId);
}

export type AddResult = { ok: true } | { ok: false; reason: 'unknown_account' | 'already' };

export function addSuppression(
  sqlite: Database.Database,
  v: { accountId: string; reason: string },
  actor: Actor,
  at: number,
): AddResult {
  return sqlite
    .transaction((): AddResult => {
      const memberId = memberIdFor(sqlite, v.accountId);
      if (memberId === undefined) return { ok: false, reason: 'unknown_account' };
      if (isSuppressed(sqlite, memberId)) return { ok: false, reason: 'already' };
      sqlite
        .prepare('INSERT INTO suppressions (member_id, reason, added_by, added_at) VALUES (?, ?, ?, ?)')
        .run(memberId, v.reason, actor.label, at);
      audit(orm(sqlite), actor, {
        action: 'suppression.added',
        entityType: 'member',
        entityId: memberId,
        after: { accountId: v.accountId, reason: v.reason },
        at,
      });
      return { ok: true };
    })
    .immediate();
}

export function removeSuppression(sqlite: Database.Database, accountId: string, actor: Actor, at: number): boolean {
  return sqlite
    .transaction(() => {
      const row = sqlite
        .prepare(
          `SELECT s.member_id AS memberId, s.reason, s.added_by AS addedBy, s.added_at AS addedAt
           FROM suppressions s JOIN members m ON m.id = s.member_id WHERE m.account_id = ?`,
        )
        .get(accountId) as { memberId: number; reason: string; addedBy: string; addedAt: number } | undefined;
      if (!row) return false;
      sqlite.prepare('DELETE FROM suppressions WHERE member_id = ?').run(row.memberId);
      audit(orm(sqlite), actor, {
        action: 'suppression.removed',
        entityType: 'member',
        entityId: row.memberId,
        before: { accountId, reason: row.reason, addedBy: row.addedBy, addedAt: row.addedAt },
        at,
      });
      return true;
    })
    .immediate();
}

export type ImportRow = { line: number; accountId: string; reason: string };
export type ImportResult = { ok: true; added: number; alreadyListed: number } | { ok: false; errors: string[] };

/**
 * All or nothing: every account id must name a member; any error leaves the list unchanged.
 * Members already listed keep their original entry (re-importing a file is harmless).
 */
export function importSuppressions(sqlite: Database.Database, rows: ImportRow[], actor: Actor, at: number): ImportResult {
  return sqlite
    .transaction((): ImportResult => {
      const errors: string[] = [];
      const resolved: { memberId: number; row: ImportRow }[] = [];
      for (const r of rows) {
        const memberId = memberIdFor(sqlite, r.accountId);
        if (memberId === undefined) errors.push(`Line ${r.line}: no member has account id "${r.accountId}".`);
        else resolved.push({ memberId, row: r });
        if (errors.length >= 50) break;
      }
      if (errors.length) return { ok: false, errors };
      const insert = sqlite.prepare(
        `INSERT INTO suppressions (member_id, reason, added_by, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(member_id) DO NOTHING`,
      );
      const addedIds: string[] = [];
      for (const { memberId, row } of resolved)
        if (insert.run(memberId, row.reason, actor.label, at).changes) addedIds.push(row.accountId);
      const added = addedIds.length;
      audit(orm(sqlite), actor, {
        action: 'suppression.imported',
        entityType: 'suppression_list',
        after: { rows: rows.length, added, alreadyListed: rows.length - added, accountIds: addedIds },
        at,
      });
      return { ok: true, added, alreadyListed: rows.length - added };
    })
    .immediate();
}
