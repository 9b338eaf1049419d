import type Database from 'better-sqlite3';
import { type BatchPolicyRow, runExecuteSql } from '@/db/batches.sql';
import { DAY_MS } from '@/lib/runtime/clock';

// The raw-SQL side of the batch execution step (bench/steps/batch.ts): never called by the app.

function batchPolicyRow(sqlite: Database.Database, batchId: number): BatchPolicyRow {
  return sqlite
    .prepare(
      `SELECT p.id, p.never_watched_days AS neverWatchedDays, p.inactive_days AS inactiveDays, p.retention_days AS retentionDays
       FROM batches b JOIN policy_versions p ON p.id = b.policy_version_id WHERE b.id = ?`,
    )
    .get(batchId) as BatchPolicyRow;
}

/**
 * The execution's own statements (db/batches.sql.ts runExecuteSql) run bare in one transaction —
 * no job row, no audit, no claim — for the benchmark's app/raw ratio.
 */
export function rawExecuteBatchSql(sqlite: Database.Database, batchId: number, at: number): number {
  const p = batchPolicyRow(sqlite, batchId);
  return sqlite.transaction(() => runExecuteSql(sqlite, p, batchId, at)).immediate();
}

/** The bare set-based cancellation with no re-checks: what raw SQLite needs to flip a batch's members to cancelled. */
export function rawCancelBatchSql(sqlite: Database.Database, batchId: number, at: number, retentionDays = 300): number {
  return sqlite
    .transaction(
      () =>
        sqlite
          .prepare(
            `UPDATE members SET status = 'cancelled', status_changed_at = @at, cancelled_at = @at, cancelled_batch_id = @b, cancellation_source = 'batch',
               retention_until = @at + @ret
             WHERE id IN (SELECT member_id FROM batch_members WHERE batch_id = @b AND state = 'included')`,
          )
          .run({ b: batchId, at, ret: retentionDays * DAY_MS }).changes,
    )
    .immediate();
}
