import 'server-only';
import { and, count, desc, eq, lt, or } from 'drizzle-orm';
import type { Db } from './client';
import { members, suppressions } from './schema';
import { accountResolver, insertSuppressionsSql } from './suppressions.sql';
import type { Tx } from './unit-of-work';

// The suppression list: members who must never be contacted (complaints, legal requests).
// Campaign segments leave them out and the sender refuses them at send time (db/delivery.ts).
// Reads and writes only: lib/delivery/suppressions.ts decides and audits.

export type SuppressionEntry = { memberId: number; accountId: string; reason: string; addedBy: string; addedAt: number };

/** Newest first; keyset cursor on (added_at, member_id). */
export function listSuppressions(
  db: Db,
  opts: { limit: number; before?: { addedAt: number; memberId: number }; accountId?: string },
): SuppressionEntry[] {
  const b = opts.before;
  return db
    .select({
      memberId: suppressions.memberId,
      accountId: members.accountId,
      reason: suppressions.reason,
      addedBy: suppressions.addedBy,
      addedAt: suppressions.addedAt,
    })
    .from(suppressions)
    .innerJoin(members, eq(members.id, suppressions.memberId))
    .where(
      and(
        opts.accountId == null ? undefined : eq(members.accountId, opts.accountId),
        b
          ? or(
              lt(suppressions.addedAt, b.addedAt),
              and(eq(suppressions.addedAt, b.addedAt), lt(suppressions.memberId, b.memberId)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(suppressions.addedAt), desc(suppressions.memberId))
    .limit(opts.limit)
    .all();
}

export function countSuppressions(db: Db): number {
  return db.select({ n: count() }).from(suppressions).get()?.n ?? 0;
}

export function memberIdFor(db: Db, accountId: string): number | undefined {
  return db.select({ id: members.id }).from(members).where(eq(members.accountId, accountId)).get()?.id;
}

export function isSuppressed(db: Db, memberId: number): boolean {
  return !!db.select({ memberId: suppressions.memberId }).from(suppressions).where(eq(suppressions.memberId, memberId)).get();
}

/** Lists a member; a member already listed keeps their original entry. Returns whether a row was added. */
export function insertSuppression(db: Db, v: { memberId: number; reason: string; addedBy: string; addedAt: number }): boolean {
  return db.insert(suppressions).values(v).onConflictDoNothing({ target: suppressions.memberId }).run().changes > 0;
}

/** The entry of the member with this account id, if listed. */
export function suppressionOf(db: Db, accountId: string) {
  return db
    .select({
      memberId: suppressions.memberId,
      reason: suppressions.reason,
      addedBy: suppressions.addedBy,
      addedAt: suppressions.addedAt,
    })
    .from(suppressions)
    .innerJoin(members, eq(members.id, suppressions.memberId))
    .where(eq(members.accountId, accountId))
    .get();
}

export function deleteSuppression(db: Db, memberId: number) {
  db.delete(suppressions).where(eq(suppressions.memberId, memberId)).run();
}

/** The import's rows, resolved in file order: member ids, or up to 50 lines naming no member. */
export function resolveImportRows<R extends { line: number; accountId: string }>(
  tx: Tx,
  rows: readonly R[],
): { ok: true; resolved: { memberId: number; row: R }[] } | { ok: false; errors: string[] } {
  const memberIdOf = accountResolver(tx.sqlite);
  const errors: string[] = [];
  const resolved: { memberId: number; row: R }[] = [];
  for (const r of rows) {
    const memberId = memberIdOf(r.accountId);
    if (memberId === undefined) errors.push(`Line ${r.line}: no member has account id "${r.accountId}".`);
    else resolved.push({ memberId, row: r });
    if (errors.length >= 50) break;
  }
  return errors.length ? { ok: false, errors } : { ok: true, resolved };
}

/** Lists the resolved rows (members already listed keep their entry); returns, per row, whether it was added. */
export function insertImportedSuppressions(
  tx: Tx,
  rows: readonly { memberId: number; reason: string }[],
  addedBy: string,
  at: number,
): boolean[] {
  return insertSuppressionsSql(tx.sqlite, rows, addedBy, at);
}
