import 'server-only';
import type Database from 'better-sqlite3';
import type { Actor } from '@/db/audit';
import { batchSize, type ExecutionStep, executeApprovedBatch, failExecutionJob, openExecutionJob } from '@/db/batch-execution';
import { drizzleFor } from '@/db/client';
import { runUnitOfWork, type UnitOfWork } from '@/db/unit-of-work';
import { Refusal } from '@/lib/domain/refusal';
import { runOnJobWorker } from '@/lib/runtime/job-thread';
import { holdWrites, writesFree } from '@/lib/runtime/write-gate';
import type { ExecuteBatchOutcome } from './execute-job';

// The execution of an approved batch: the most dangerous step in the product, so it is three
// separate commits on purpose.
//  1. startExecution: the job row, committed before the work starts, so the batch page shows the
//     execution is running (and a refusal if the batch is not approved, before anything is written).
//  2. runExecution: the work, in ONE plain BEGIN IMMEDIATE transaction with its audit entry. It
//     must not be nested in another transaction: a savepoint makes SQLite keep a copy of every
//     page it changes, which a 900,000-member batch cannot afford. A crash leaves nothing
//     half-done: the transaction rolls back and the batch stays approved.
//  3. recordExecutionFailure: after that transaction rolled back, the job is marked failed — in
//     its own transaction, deliberately, since whatever the rolled-back one wrote is gone.
// executeBatch runs the three for scripts, the seed, tests and the benchmark; the action
// (app/(app)/batches/actions.ts) runs them through executeBatchInBackground.

export type ExecutionResult = { cancelled: number; skipped: number; byReason: Record<string, number>; ms: number; jobId: number };

/** Step 1, in its own unit of work: refuses unless the batch is approved; returns the job id. */
export function startExecution(sqlite: Database.Database, batchId: number, actor: Actor, at: number): number {
  return runUnitOfWork(sqlite, actor, at, (uow) => openExecutionJob(uow.tx, batchId, actor.label, at));
}

/** Step 2, inside the caller's unit of work (which must be a top-level one: no savepoint). */
export function runExecution(
  uow: UnitOfWork,
  batchId: number,
  jobId: number,
  onStep?: (step: ExecutionStep) => void,
): Omit<ExecutionResult, 'ms' | 'jobId'> {
  const r = executeApprovedBatch(uow.tx, batchId, uow.actor.id, uow.now, jobId, onStep);
  uow.audit({
    action: 'batch.execute',
    entityType: 'batch',
    entityId: batchId,
    before: { status: 'approved' },
    after: {
      status: 'executed',
      cancelled: r.cancelled,
      skipped: r.skipped,
      byReason: r.byReason,
      policyVersionId: r.policyVersionId,
    },
  });
  return { cancelled: r.cancelled, skipped: r.skipped, byReason: r.byReason };
}

/** Step 3, in a unit of work of its own, opened after step 2 rolled back: the job shows why it failed. */
export function recordExecutionFailure(uow: UnitOfWork, jobId: number, err: unknown) {
  failExecutionJob(uow.tx, jobId, err instanceof Refusal ? err.message : 'Failed; nothing was changed.', uow.now);
}

/**
 * Executes an approved batch (the three steps above, each its own commit). A second run is
 * refused because the batch is 'executed', and the members UPDATE also guards on status, so
 * nobody is cancelled twice.
 */
export function executeBatch(
  sqlite: Database.Database,
  batchId: number,
  actor: Actor,
  at: number,
  opts: { onStep?: (step: ExecutionStep) => void } = {},
): ExecutionResult {
  const t0 = performance.now();
  const jobId = startExecution(sqlite, batchId, actor, at);
  try {
    const result = runUnitOfWork(sqlite, actor, at, (uow) => runExecution(uow, batchId, jobId, opts.onStep));
    return { ...result, ms: Math.round(performance.now() - t0), jobId };
  } catch (err) {
    runUnitOfWork(sqlite, actor, at, (uow) => recordExecutionFailure(uow, jobId, err));
    throw err;
  }
}

/** From this many members a batch is executed on a worker thread; below, starting one costs more. */
export const EXECUTE_ON_THREAD_FROM = 10_000;

/**
 * executeBatch for the server: a big batch on a worker thread with its own connection (its one
 * transaction holds the write lock for seconds at 900,000 members: on the server's thread every
 * request waited for it). Meanwhile the server's writers wait for it without blocking (write gate)
 * and its readers carry on (WAL).
 */
export async function executeBatchInBackground(
  sqlite: Database.Database,
  batchId: number,
  actor: Actor,
  at: number,
): Promise<ExecutionResult> {
  if (sqlite.name !== ':memory:' && batchSize(drizzleFor(sqlite), batchId) >= EXECUTE_ON_THREAD_FROM) {
    const release = holdWrites();
    try {
      const r = await runOnJobWorker<ExecuteBatchOutcome>('lib/batches/execute-job.ts', 'runExecuteBatchJob', {
        file: sqlite.name,
        batchId,
        actor,
        at,
      });
      if (r !== 'unavailable') {
        if ('refused' in r) throw new Refusal(r.refused);
        return r.result;
      }
    } finally {
      release();
    }
  }
  await writesFree(); // a big import's write may hold the lock: wait without blocking the server
  return executeBatch(sqlite, batchId, actor, at);
}
