import {
  deleteSuppression,
  insertImportedSuppressions,
  insertSuppression,
  isSuppressed,
  memberIdFor,
  resolveImportRows,
  suppressionOf,
} from '@/db/suppressions';
import type { UnitOfWork } from '@/db/unit-of-work';

// Changes to the suppression list, each inside the caller's unit of work with its audit entry.

export type AddResult = { ok: true } | { ok: false; reason: 'unknown_account' | 'already' };

export function addSuppression({ tx, actor, now, audit }: UnitOfWork, v: { accountId: string; reason: string }): AddResult {
  const memberId = memberIdFor(tx.db, v.accountId);
  if (memberId === undefined) return { ok: false, reason: 'unknown_account' };
  if (isSuppressed(tx.db, memberId)) return { ok: false, reason: 'already' };
  insertSuppression(tx.db, { memberId, reason: v.reason, addedBy: actor.label, addedAt: now });
  audit({
    action: 'suppression.added',
    entityType: 'member',
    entityId: memberId,
    after: { accountId: v.accountId, reason: v.reason },
  });
  return { ok: true };
}

/** Returns false when the member is not on the list. */
export function removeSuppression({ tx, audit }: UnitOfWork, accountId: string): boolean {
  const row = suppressionOf(tx.db, accountId);
  if (!row) return false;
  deleteSuppression(tx.db, row.memberId);
  audit({
    action: 'suppression.removed',
    entityType: 'member',
    entityId: row.memberId,
    before: { accountId, reason: row.reason, addedBy: row.addedBy, addedAt: row.addedAt },
  });
  return true;
}

export type ImportRow = { line: number; accountId: string; reason: string };
export type ImportResult = { ok: true; added: number; alreadyListed: number } | { ok: false; errors: string[] };

/**
 * All or nothing: every account id must name a member; any error leaves the list unchanged.
 * Members already listed keep their original entry (re-importing a file is harmless).
 */
export function importSuppressions({ tx, actor, now, audit }: UnitOfWork, rows: ImportRow[]): ImportResult {
  const r = resolveImportRows(tx, rows);
  if (!r.ok) return r;
  const added = insertImportedSuppressions(
    tx,
    r.resolved.map(({ memberId, row }) => ({ memberId, reason: row.reason })),
    actor.label,
    now,
  );
  const addedIds = r.resolved.filter((_, i) => added[i]).map(({ row }) => row.accountId);
  audit({
    action: 'suppression.imported',
    entityType: 'suppression_list',
    after: { rows: rows.length, added: addedIds.length, alreadyListed: rows.length - addedIds.length, accountIds: addedIds },
  });
  return { ok: true, added: addedIds.length, alreadyListed: rows.length - addedIds.length };
}
