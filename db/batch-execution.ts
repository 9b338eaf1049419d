import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import { executeRefusal } from '@/lib/domain/batches/refusals';
import { batchHead, batchPolicy } from './batches';
import { type ExecutionStep, runExecuteSql } from './batches.sql';
import type { Db } from './client';
import { batches, batchMemberTotals, jobs } from './schema';
import type { Tx } from './unit-of-work';

export type { ExecutionStep };

// The execution of an approved batch, in the caller's transactions: the job row that shows it is
// running, the execution itself (set-based, db/batches.sql.ts), and the job's failure. The use
// case (lib/batches/execute.ts) says which transaction each runs in.

export const executionJobKind = (batchId: number) => `batch.execute:${batchId}`;

/**
 * Refuses unless the batch is approved, closes the job of an earlier attempt that died mid-way
 * (process killed), and writes the 'running' job row; returns its id.
 */
export function openExecutionJob(tx: Tx, batchId: number, startedBy: string, at: number): number {
  const b = batchHead(tx, batchId);
  if (b.status !== 'approved') throw executeRefusal(b.status);
  const kind = executionJobKind(batchId);
  tx.db
    .update(jobs)
    .set({ status: 'failed', finishedAt: at, message: 'Interrupted; nothing was changed by it.' })
    .where(and(eq(jobs.kind, kind), eq(jobs.status, 'running')))
    .run();
  const total = memberCount(tx.db, batchId, 'included');
  return tx.db
    .insert(jobs)
    .values({
      kind,
      status: 'running',
      startedAt: at,
      heartbeatAt: at,
      progress: 0,
      total,
      startedBy,
      message: 'Checking and cancelling members',
    })
    .returning({ id: jobs.id })
    .get().id;
}

export type Execution = { cancelled: number; skipped: number; byReason: Record<string, number>; policyVersionId: number };

/**
 * Executes the approved batch: every included member is checked again (lib/domain/batches/
 * eligibility.ts skipReason, in SQL) and either cancelled or skipped with the reason; the batch
 * is marked executed and its job done. The members UPDATE guards on status, so nobody is
 * cancelled twice. Set-based: ~4 statements for any size. `onStep` lets the crash test kill the
 * process between the statements.
 */
export function executeApprovedBatch(
  tx: Tx,
  batchId: number,
  executedBy: number | null,
  at: number,
  jobId: number,
  onStep?: (step: ExecutionStep) => void,
): Execution {
  // Re-read under the write lock: a concurrent execution may have won the race.
  const claimed = tx.db
    .update(batches)
    .set({ status: 'executing' })
    .where(and(eq(batches.id, batchId), eq(batches.status, 'approved')))
    .returning({ pv: batches.policyVersionId })
    .get();
  if (!claimed) throw executeRefusal(batchHead(tx, batchId).status);
  const p = batchPolicy(tx, claimed.pv);

  const cancelled = runExecuteSql(tx.sqlite, p, batchId, at, onStep);

  const reasons = tx.db
    .select({ reason: batchMemberTotals.reason, n: sql<number>`sum(${batchMemberTotals.members})` })
    .from(batchMemberTotals)
    .where(and(eq(batchMemberTotals.batchId, batchId), eq(batchMemberTotals.state, 'skipped'), gt(batchMemberTotals.members, 0)))
    .groupBy(batchMemberTotals.reason)
    .all();
  const byReason = Object.fromEntries(reasons.map((r) => [r.reason, r.n]));
  const skipped = reasons.reduce((s, r) => s + r.n, 0);
  const expected = memberCount(tx.db, batchId, 'cancelled');
  // Defensive: every member marked to cancel must have been cancelled by this statement.
  if (cancelled !== expected) throw new Error(`cancellation count mismatch (${cancelled} vs ${expected})`);

  tx.db
    .update(batches)
    .set({ status: 'executed', executedBy, executedAt: at })
    .where(and(eq(batches.id, batchId), eq(batches.status, 'executing')))
    .run();
  tx.db
    .update(jobs)
    .set({
      status: 'done',
      finishedAt: at,
      heartbeatAt: at,
      progress: sql`total`,
      message: `Cancelled ${cancelled}, skipped ${skipped}.`,
    })
    .where(eq(jobs.id, jobId))
    .run();
  return { cancelled, skipped, byReason, policyVersionId: p.id };
}

/** Marks a running execution job failed with the message shown on the batch page. */
export function failExecutionJob(tx: Tx, jobId: number, message: string, at: number) {
  tx.db
    .update(jobs)
    .set({ status: 'failed', finishedAt: at, message })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running')))
    .run();
}

/** How many members a batch holds (to choose where its execution runs). */
export function batchSize(db: Db, batchId: number): number {
  return memberCount(db, batchId);
}

/** Members of a batch (in one state), from its totals: no pass over its rows. */
function memberCount(db: Db, batchId: number, state?: 'included' | 'cancelled'): number {
  return (
    db
      .select({ n: sql<number>`coalesce(sum(${batchMemberTotals.members}), 0)` })
      .from(batchMemberTotals)
      .where(and(eq(batchMemberTotals.batchId, batchId), state ? eq(batchMemberTotals.state, state) : undefined))
      .get()?.n ?? 0
  );
}
