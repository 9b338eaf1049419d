import { deleteSuppression, insertSuppression, isSuppressed, memberIdFor, suppressionOf } from '@/db/suppressions';
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
  const errors: string[] = [];
  const resolved: { memberId: number; row: ImportRow }[] = [];
  for (const r of rows) {
    const memberId = memberIdFor(tx.db, r.accountId);
    if (memberId === undefined) errors.push(`Line ${r.line}: no member has account id "${r.accountId}".`);
    else resolved.push({ memberId, row: r });
    if (errors.length >= 50) break;
  }
  if (errors.length) return { ok: false, errors };
  const addedIds: string[] = [];
  for (const { memberId, row } of resolved)
    if (insertSuppression(tx.db, { memberId, reason: row.reason, addedBy: actor.label, addedAt: now }))
      addedIds.push(row.accountId);
  const added = addedIds.length;
  audit({
    action: 'suppression.imported',
    entityType: 'suppression_list',
    after: { rows: rows.length, added, alreadyListed: rows.length - added, accountIds: addedIds },
  });
  return { ok: true, added, alreadyListed: rows.length - added };
}
