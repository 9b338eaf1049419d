import { DEADLINE, makeBatch } from '@/lib/testing/batches/fixtures';
import { getSqlite } from '@/lib/testing/db';
import type { ActionMatrixEntry, RouteMatrixEntry } from './types';

// Batches, rejoin and retention rows of the role matrix. Each validInput makes a fresh batch.

/** Any staff id other than the caller's (a batch's proposer must not decide it). */
function otherStaff(staffId: number): number {
  return (getSqlite().prepare('SELECT id FROM staff WHERE id <> ? ORDER BY id LIMIT 1').get(staffId) as { id: number }).id;
}

export const actions: ActionMatrixEntry[] = [
  {
    action: 'batches.submit',
    allowed: ['admin', 'cx_manager', 'approver'],
    validInput: () => ({ batchId: makeBatch(getSqlite(), 'proposed').batchId }),
  },
  {
    action: 'batches.exclude',
    allowed: ['admin', 'approver'],
    validInput: () => {
      const b = makeBatch(getSqlite(), 'proposed');
      return { batchId: b.batchId, accountId: b.accountIds[0], reason: 'vip', note: 'matrix' };
    },
  },
  {
    action: 'batches.approve',
    allowed: ['admin', 'approver'],
    validInput: ({ staffId }) => ({
      batchId: makeBatch(getSqlite(), 'submitted', { proposerId: otherStaff(staffId) }).batchId,
      comment: 'Checked',
    }),
  },
  {
    action: 'batches.reject',
    allowed: ['admin', 'approver'],
    validInput: ({ staffId }) => ({
      batchId: makeBatch(getSqlite(), 'submitted', { proposerId: otherStaff(staffId) }).batchId,
      reason: 'Wrong segment',
    }),
  },
  {
    action: 'batches.execute',
    allowed: ['admin', 'approver'],
    validInput: () => ({ batchId: makeBatch(getSqlite(), 'approved').batchId }),
  },
  { action: 'retention.purge', allowed: ['admin'], validInput: () => ({}) },
  {
    action: 'members.rejoin',
    allowed: ['admin', 'cx_manager'],
    validInput: () => {
      // Cancelled just now (real clock), so well inside the retention window.
      const b = makeBatch(getSqlite(), 'executed', { at: Math.max(Date.now() - 60_000, DEADLINE + 1) });
      const row = getSqlite().prepare('SELECT id FROM members WHERE account_id = ?').get(b.accountIds[0]) as { id: number };
      return { memberId: row.id };
    },
  },
  {
    action: 'members.erase',
    allowed: ['admin'],
    validInput: () => {
      const b = makeBatch(getSqlite(), 'proposed');
      const row = getSqlite().prepare('SELECT id FROM members WHERE account_id = ?').get(b.accountIds[1]) as { id: number };
      return { memberId: row.id, confirm: 'yes' };
    },
  },
];

export const routes: RouteMatrixEntry[] = [
  {
    file: 'app/(app)/batches/[id]/members.csv/route.ts',
    method: 'GET',
    auth: ['admin', 'cx_manager', 'approver'],
    validRequest: () => ({ params: { id: String(makeBatch(getSqlite(), 'proposed').batchId) } }),
  },
  {
    file: 'app/api/rejoins/route.ts',
    method: 'POST',
    auth: 'api-key',
    validRequest: () => {
      // Cancelled just now (real clock), so well inside the retention window.
      const b = makeBatch(getSqlite(), 'executed', { at: Math.max(Date.now() - 60_000, DEADLINE + 1) });
      return { body: JSON.stringify({ account_id: b.accountIds[0] }) };
    },
  },
];
