import 'server-only';
import { eq } from 'drizzle-orm';
import type { BatchHead } from '@/lib/domain/batches/refusals';
import { Refusal } from '@/lib/domain/refusal';
import type { BatchPolicyRow } from './batches.sql';
import { batches, policyVersions, staff } from './schema';
import type { Tx } from './unit-of-work';

// Cancellation batches: what the proposal (db/batch-proposal.ts), the four-eyes approval
// (db/batch-approval.ts) and the execution (db/batch-execution.ts) share. Every function takes the
// caller's transaction (a unit of work, db/unit-of-work.ts); none opens one or writes the audit log.

/** The batch's status and who moved it on, read inside the caller's transaction. */
export function batchHead(tx: Tx, batchId: number): BatchHead {
  const b = tx.db
    .select({
      id: batches.id,
      status: batches.status,
      proposerId: batches.proposerId,
      decidedBy: batches.decidedBy,
      decidedAt: batches.decidedAt,
    })
    .from(batches)
    .where(eq(batches.id, batchId))
    .get();
  if (!b) throw new Refusal('There is no such batch.', { code: 'not_found' });
  return b;
}

/** The email a refusal names a staff member by ('someone' when unknown). */
export function staffLabel(tx: Tx, id: number | null): string {
  if (id == null) return 'someone';
  return tx.db.select({ email: staff.email }).from(staff).where(eq(staff.id, id)).get()?.email ?? 'someone';
}

/** The thresholds of a policy version. */
export function batchPolicy(tx: Tx, id: number): BatchPolicyRow {
  const p = tx.db
    .select({
      id: policyVersions.id,
      neverWatchedDays: policyVersions.neverWatchedDays,
      inactiveDays: policyVersions.inactiveDays,
      retentionDays: policyVersions.retentionDays,
    })
    .from(policyVersions)
    .where(eq(policyVersions.id, id))
    .get();
  if (!p) throw new Error(`policy version ${id} not found`);
  return p;
}
