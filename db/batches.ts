import 'server-only';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { SKIP_REASONS } from '@/lib/domain/batches/eligibility';
import { Refusal } from '@/lib/domain/refusal';
import { DAY_MS } from '@/lib/runtime/clock';
import { type Actor, audit } from './audit';
import type { Db } from './client';
import { namedParams } from './named-params';
import type { BatchStatus } from './schema/batches';
import { STATUS_IDX_TERM } from './schema/members';

// Cancellation batches: proposal at a campaign's deadline, four-eyes approval, and execution.
// Every mutation here is one IMMEDIATE transaction with its audit entries; a refusal throws
// Refusal before anything is written (or rolls the transaction back), so it changes nothing.

const auditDbs = new WeakMap<Database.Database, Db>();
/** A Drizzle view of a raw handle, for audit() inside the caller's transaction. */
export function auditWith(sqlite: Database.Database): Db {
  let db = auditDbs.get(sqlite);
  if (!db) {
    db = drizzle(sqlite) as unknown as Db;
    auditDbs.set(sqlite, db);
  }
  return db;
}

/** Open batches hold their members: a member is in at most one of them. */
const OPEN_STATUSES = "('proposed','submitted','approved','executing')";

/**
 * SQL for "dormant at @day under the policy" (lib/domain/batches/eligibility.ts isDormantAt), from the
 * facts joined_at / last_viewed_at, never from the status column. @nw / @ia are the thresholds in ms.
 */
const DORMANT_SQL = `(CASE WHEN m.last_viewed_at IS NULL
    THEN (m.joined_at / ${DAY_MS}) * ${DAY_MS} + @nw <= @day
    ELSE (m.last_viewed_at / ${DAY_MS}) * ${DAY_MS} + @ia <= @day END)`;

/** "No response to the message": sent, not confirmed, no view since sending (DOMAIN.md). */
const NO_RESPONSE_SQL = `cm.status = 'sent' AND cm.sent_at IS NOT NULL AND cm.variant_id IS NOT NULL
  AND cm.confirmed_at IS NULL AND cm.reactivated_at IS NULL AND cm.outcome NOT IN ('confirmed','reactivated')
  AND NOT EXISTS (SELECT 1 FROM keep_confirmations k WHERE k.campaign_member_id = cm.id)
  AND (m.last_viewed_at IS NULL OR m.last_viewed_at < cm.sent_at)`;

type PolicyRow = { id: number; neverWatchedDays: number; inactiveDays: number; retentionDays: number };

function policy(sqlite: Database.Database, id: number): PolicyRow {
  const p = sqlite
    .prepare(
      `SELECT id, never_watched_days AS neverWatchedDays, inactive_days AS inactiveDays, retention_days AS retentionDays
       FROM policy_versions WHERE id = ?`,
    )
    .get(id) as PolicyRow | undefined;
  if (!p) throw new Error(`policy version ${id} not found`);
  return p;
}

function policyParams(p: PolicyRow, at: number) {
  return {
    nw: p.neverWatchedDays * DAY_MS,
    ia: p.inactiveDays * DAY_MS,
    day: Math.floor(at / DAY_MS) * DAY_MS,
  };
}

// ---------------------------------------------------------------------------------------------
// Proposal
// ---------------------------------------------------------------------------------------------

/**
 * Proposes the cancellation batch of a campaign whose deadline has passed: every recipient who
 * was sent the message, did not confirm, has not watched since, is not cancelled or in another
 * open batch, and is still dormant under the campaign's policy version. Holdout members (never
 * warned) are never included. Idempotent: returns the existing batch id if there is one; null
 * when the deadline has not passed or nobody qualifies (nothing is written then).
 */
export function proposeBatchForCampaign(sqlite: Database.Database, campaignId: number, at: number): number | null {
  return sqlite
    .transaction(() => {
      const existing = sqlite.prepare('SELECT id FROM batches WHERE campaign_id = ? ORDER BY id LIMIT 1').get(campaignId) as
        | { id: number }
        | undefined;
      if (existing) return existing.id;
      const c = sqlite
        .prepare('SELECT policy_version_id AS pv, deadline_at AS deadline FROM campaigns WHERE id = ?')
        .get(campaignId) as { pv: number; deadline: number | null } | undefined;
      if (!c || c.deadline == null || c.deadline > at) return null;
      const p = policy(sqlite, c.pv);
      const { id: batchId } = sqlite
        .prepare(
          `INSERT INTO batches (campaign_id, policy_version_id, status, proposed_at) VALUES (?, ?, 'proposed', ?) RETURNING id`,
        )
        .get(campaignId, p.id, at) as { id: number };
      const inserted = sqlite
        .prepare(
          `INSERT INTO batch_members (batch_id, member_id, campaign_member_id, state, price_minor, currency, country, plan)
           SELECT @b, m.id, cm.id, 'included', m.price_minor, m.currency, m.country, m.plan
           FROM campaign_members cm JOIN members m ON m.id = cm.member_id
           WHERE cm.campaign_id = @c AND ${NO_RESPONSE_SQL}
             AND m.status NOT IN ('cancelled', 'active') AND m.cancelled_at IS NULL
             AND ${DORMANT_SQL}
             AND NOT EXISTS (SELECT 1 FROM batch_members ob JOIN batches ob_b ON ob_b.id = ob.batch_id
                             WHERE ob.member_id = m.id AND ob.state = 'included' AND ob_b.status IN ${OPEN_STATUSES})`,
        )
        .run({ b: batchId, c: campaignId, ...policyParams(p, at) }).changes;
      if (inserted === 0) {
        // Nobody to cancel: leave no empty batch behind.
        sqlite.prepare('DELETE FROM batches WHERE id = ?').run(batchId);
        return null;
      }
      sqlite
        .prepare(
          `UPDATE members SET status = 'proposed', status_changed_at = @at
           WHERE id IN (SELECT member_id FROM batch_members WHERE batch_id = @b)`,
        )
        .run({ b: batchId, at });
      audit(
        auditWith(sqlite),
        { id: null, label: 'system' },
        {
          action: 'batch.propose',
          entityType: 'batch',
          entityId: batchId,
          after: { campaignId, policyVersionId: p.id, members: inserted },
          at,
        },
      );
      return batchId;
    })
    .immediate();
}

// ---------------------------------------------------------------------------------------------
// Four-eyes approval
// ---------------------------------------------------------------------------------------------

type BatchHead = {
  id: number;
  status: BatchStatus;
  proposerId: number | null;
  decidedBy: number | null;
  decidedAt: number | null;
};

function head(sqlite: Database.Database, batchId: number): BatchHead {
  const b = sqlite
    .prepare(
      'SELECT id, status, proposer_id AS proposerId, decided_by AS decidedBy, decided_at AS decidedAt FROM batches WHERE id = ?',
    )
    .get(batchId) as BatchHead | undefined;
  if (!b) throw new Refusal('There is no such batch.', { code: 'not_found' });
  return b;
}

function staffLabel(sqlite: Database.Database, id: number | null): string {
  if (id == null) return 'someone';
  const r = sqlite.prepare('SELECT email FROM staff WHERE id = ?').get(id) as { email: string } | undefined;
  return r?.email ?? 'someone';
}

/** Why a decision cannot be taken on this batch now (the loser of a race reads this too). */
function decisionRefusal(sqlite: Database.Database, b: BatchHead, actorId: number | null): Refusal {
  if (b.status === 'proposed')
    return new Refusal('This batch has not been submitted for approval yet.', { code: 'not_submitted' });
  if (b.status !== 'submitted') {
    const when = b.decidedAt ? ` on ${new Date(b.decidedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
    return new Refusal(
      `This batch was already ${b.status === 'rejected' ? 'rejected' : 'approved'} by ${staffLabel(sqlite, b.decidedBy)}${when}. Your decision was not recorded.`,
      { code: 'already_decided' },
    );
  }
  if (b.proposerId === actorId)
    return new Refusal('You submitted this batch, so another approver must decide it (four-eyes rule). Nothing was changed.', {
      code: 'own_batch',
    });
  return new Refusal('This batch cannot be decided now.', { code: 'refused' });
}

/** A reviewed proposal is submitted for approval; the submitter becomes its proposer. */
export function submitBatch(sqlite: Database.Database, batchId: number, actor: Actor & { id: number }, at: number) {
  sqlite
    .transaction(() => {
      const changed = sqlite
        .prepare(
          `UPDATE batches SET status = 'submitted', proposer_id = ?, submitted_at = ? WHERE id = ? AND status = 'proposed'`,
        )
        .run(actor.id, at, batchId).changes;
      if (changed === 0) {
        const b = head(sqlite, batchId);
        throw new Refusal(
          b.status === 'submitted'
            ? `This batch was already submitted by ${staffLabel(sqlite, b.proposerId)}.`
            : `This batch is ${b.status}; only a proposed batch can be submitted.`,
          { code: 'not_proposed' },
        );
      }
      audit(auditWith(sqlite), actor, {
        action: 'batch.submit',
        entityType: 'batch',
        entityId: batchId,
        before: { status: 'proposed' },
        after: { status: 'submitted', proposerId: actor.id },
        at,
      });
    })
    .immediate();
}

export const EXCLUSION_REASONS = { vip: 'VIP', open_complaint: 'Open complaint', error: 'Error' } as const;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;

/** Takes one member out of a batch before the decision, with a reason. */
export function excludeMember(
  sqlite: Database.Database,
  batchId: number,
  accountId: string,
  reason: ExclusionReason,
  note: string,
  actor: Actor,
  at: number,
) {
  sqlite
    .transaction(() => {
      const b = head(sqlite, batchId);
      if (b.status !== 'proposed' && b.status !== 'submitted')
        throw new Refusal(`This batch is ${b.status}; members can only be excluded before the decision.`, { code: 'decided' });
      const row = sqlite
        .prepare(
          `SELECT bm.member_id AS memberId, bm.state FROM batch_members bm JOIN members m ON m.id = bm.member_id
           WHERE bm.batch_id = ? AND m.account_id = ?`,
        )
        .get(batchId, accountId) as { memberId: number; state: string } | undefined;
      if (!row) throw new Refusal(`Member ${accountId} is not in this batch. Nothing was changed.`, { code: 'not_in_batch' });
      if (row.state !== 'included') throw new Refusal(`Member ${accountId} is already excluded.`, { code: 'already_excluded' });
      const text = note ? `${EXCLUSION_REASONS[reason]}: ${note}` : EXCLUSION_REASONS[reason];
      sqlite
        .prepare(
          `UPDATE batch_members SET state = 'excluded', reason = ?, decided_at = ? WHERE batch_id = ? AND member_id = ? AND state = 'included'`,
        )
        .run(text, at, batchId, row.memberId);
      sqlite
        .prepare(`UPDATE members SET status = 'dormant', status_changed_at = ? WHERE id = ? AND status = 'proposed'`)
        .run(at, row.memberId);
      audit(auditWith(sqlite), actor, {
        action: 'batch.exclude_member',
        entityType: 'batch',
        entityId: batchId,
        after: { memberId: row.memberId, reason },
        at,
      });
    })
    .immediate();
}

/**
 * Approves or rejects a submitted batch. The conditional UPDATE (status still 'submitted', caller
 * not the proposer) inside an IMMEDIATE transaction makes two decisions at once have the effect of
 * one; the loser gets a Refusal naming who decided first.
 */
export function decideBatch(
  sqlite: Database.Database,
  batchId: number,
  decision: 'approve' | 'reject',
  comment: string,
  actor: Actor & { id: number },
  at: number,
) {
  if (!comment.trim())
    throw new Refusal(decision === 'approve' ? 'Write a comment to approve.' : 'Write the reason for rejecting.', {
      code: 'comment',
    });
  sqlite
    .transaction(() => {
      const status = decision === 'approve' ? 'approved' : 'rejected';
      const changed = sqlite
        .prepare(
          `UPDATE batches SET status = @status, decided_by = @by, decided_at = @at, decision_comment = @comment
           WHERE id = @b AND status = 'submitted' AND proposer_id IS NOT NULL AND proposer_id <> @by`,
        )
        .run({ status, by: actor.id, at, comment: comment.trim(), b: batchId }).changes;
      if (changed === 0) throw decisionRefusal(sqlite, head(sqlite, batchId), actor.id);
      if (decision === 'reject') {
        // Nobody in a rejected batch is waiting for cancellation any more.
        sqlite
          .prepare(
            `UPDATE members SET status = 'dormant', status_changed_at = @at
             WHERE status = 'proposed' AND id IN (SELECT member_id FROM batch_members WHERE batch_id = @b AND state = 'included')`,
          )
          .run({ at, b: batchId });
      }
      audit(auditWith(sqlite), actor, {
        action: `batch.${decision}`,
        entityType: 'batch',
        entityId: batchId,
        before: { status: 'submitted' },
        after: { status, comment: comment.trim() },
        at,
      });
    })
    .immediate();
}

// ---------------------------------------------------------------------------------------------
// Execution
// ---------------------------------------------------------------------------------------------

export type ExecutionResult = { cancelled: number; skipped: number; byReason: Record<string, number>; ms: number; jobId: number };

export const executionJobKind = (batchId: number) => `batch.execute:${batchId}`;

/**
 * Executes an approved batch in ONE transaction: every included member is checked again
 * (lib/domain/batches/eligibility.ts skipReason, in SQL) and either cancelled or skipped with the
 * reason. A crash leaves nothing half-done (the transaction rolls back and the batch stays
 * approved); a second run is refused because the batch is 'executed', and the members UPDATE
 * also guards on status, so nobody is cancelled twice. Set-based: ~4 statements for any size.
 * A jobs row, committed before the work starts, shows that the execution is running.
 */
export function executeBatch(
  sqlite: Database.Database,
  batchId: number,
  actor: Actor,
  at: number,
  opts: { onStep?: (step: 'checked' | 'cancelled') => void } = {},
): ExecutionResult {
  const t0 = performance.now();
  const kind = executionJobKind(batchId);
  const jobId = sqlite
    .transaction(() => {
      const b = head(sqlite, batchId);
      if (b.status !== 'approved') throw executeRefusal(b.status);
      // An earlier attempt that died mid-way (process killed) left its job 'running': close it.
      sqlite
        .prepare(
          `UPDATE jobs SET status = 'failed', finished_at = ?, message = 'Interrupted; nothing was changed by it.' WHERE kind = ? AND status = 'running'`,
        )
        .run(at, kind);
      const total = (
        sqlite.prepare(`SELECT count(*) AS n FROM batch_members WHERE batch_id = ? AND state = 'included'`).get(batchId) as {
          n: number;
        }
      ).n;
      return (
        sqlite
          .prepare(
            `INSERT INTO jobs (kind, status, started_at, heartbeat_at, progress, total, started_by, message)
             VALUES (?, 'running', ?, ?, 0, ?, ?, 'Checking and cancelling members') RETURNING id`,
          )
          .get(kind, at, at, total, actor.label) as { id: number }
      ).id;
    })
    .immediate();
  try {
    const result = sqlite.transaction(() => runExecution(sqlite, batchId, actor, at, jobId, opts.onStep)).immediate();
    return { ...result, ms: Math.round(performance.now() - t0), jobId };
  } catch (err) {
    sqlite
      .prepare(`UPDATE jobs SET status = 'failed', finished_at = ?, message = ? WHERE id = ? AND status = 'running'`)
      .run(at, err instanceof Refusal ? err.message : 'Failed; nothing was changed.', jobId);
    throw err;
  }
}

function executeRefusal(status: BatchStatus): Refusal {
  if (status === 'executed')
    return new Refusal('This batch has already been executed; nobody is cancelled twice.', { code: 'executed' });
  if (status === 'executing') return new Refusal('This batch is being executed right now.', { code: 'executing' });
  if (status === 'rejected') return new Refusal('This batch was rejected; it cannot be executed.', { code: 'rejected' });
  return new Refusal('This batch has not been approved; it cannot be executed yet.', { code: 'not_approved' });
}

// The statements of an execution, in order (also run bare by rawExecuteBatchSql for the benchmark).
const KEEP_REASON = `CASE
    WHEN m.status = 'cancelled' OR m.cancelled_at IS NOT NULL THEN @alreadyCancelled
    WHEN cm.status <> 'sent' OR cm.sent_at IS NULL THEN @notSent
    WHEN cm.confirmed_at IS NOT NULL OR cm.outcome = 'confirmed'
      OR EXISTS (SELECT 1 FROM keep_confirmations k WHERE k.campaign_member_id = cm.id) THEN @confirmed
    WHEN cm.reactivated_at IS NOT NULL OR (m.last_viewed_at IS NOT NULL AND m.last_viewed_at >= cm.sent_at) THEN @viewed
    WHEN m.status = 'active' THEN @notDormantStatus
    WHEN NOT ${DORMANT_SQL} THEN @notDormant
    ELSE NULL END`;
const EXECUTE_SQL = {
  // 1. One pass over the batch: re-check each included member and record the outcome on its row —
  // the reason it must be kept (skipped), or none (to cancel). The same CASE decides both columns.
  record: `UPDATE batch_members AS bm SET reason = ${KEEP_REASON},
      state = CASE WHEN ${KEEP_REASON} IS NULL THEN 'cancelled' ELSE 'skipped' END, decided_at = @at
    FROM members m, campaign_members cm
    WHERE bm.batch_id = @b AND bm.state = 'included' AND m.id = bm.member_id AND cm.id = bm.campaign_member_id`,
  // 2. Cancel those with no reason to keep them; the status guard means never twice.
  cancel: `UPDATE members SET status = 'cancelled', status_changed_at = @at, cancelled_at = @at, cancelled_batch_id = @b,
      retention_until = @at + @ret
    WHERE id IN (SELECT member_id FROM batch_members WHERE batch_id = @b AND state = 'cancelled')
      AND status <> 'cancelled' AND cancelled_at IS NULL`,
  // 3. Skipped members are no longer waiting for cancellation.
  release: `UPDATE members SET status = 'dormant', status_changed_at = @at
    WHERE ${STATUS_IDX_TERM} AND status = 'proposed'
      AND id IN (SELECT member_id FROM batch_members WHERE batch_id = @b AND state = 'skipped')`,
};

/**
 * Runs EXECUTE_SQL in order inside the caller's transaction; returns how many members it cancelled.
 * `onStep` lets the crash test kill the process between the steps.
 */
function runExecuteSql(
  sqlite: Database.Database,
  p: PolicyRow,
  batchId: number,
  at: number,
  onStep?: (step: 'checked' | 'cancelled') => void,
): number {
  const params = { ...policyParams(p, at), ...SKIP_REASONS, b: batchId, at, ret: p.retentionDays * DAY_MS };
  const run = (sql: string) => sqlite.prepare(sql).run(namedParams(params, sql)).changes;
  run(EXECUTE_SQL.record);
  onStep?.('checked');
  const cancelled = run(EXECUTE_SQL.cancel);
  onStep?.('cancelled');
  run(EXECUTE_SQL.release);
  return cancelled;
}

function runExecution(
  sqlite: Database.Database,
  batchId: number,
  actor: Actor,
  at: number,
  jobId: number,
  onStep: ((step: 'checked' | 'cancelled') => void) | undefined,
) {
  // Re-read under the write lock: a concurrent execution may have won the race.
  const claimed = sqlite
    .prepare(`UPDATE batches SET status = 'executing' WHERE id = ? AND status = 'approved' RETURNING policy_version_id AS pv`)
    .get(batchId) as { pv: number } | undefined;
  if (!claimed) throw executeRefusal(head(sqlite, batchId).status);
  const p = policy(sqlite, claimed.pv);

  const cancelled = runExecuteSql(sqlite, p, batchId, at, onStep);

  const outcomes = sqlite
    .prepare(
      `SELECT reason, count(*) AS n FROM batch_members WHERE batch_id = ? AND state IN ('cancelled', 'skipped') GROUP BY reason`,
    )
    .all(batchId) as { reason: string | null; n: number }[];
  const reasons = outcomes.filter((r): r is { reason: string; n: number } => r.reason !== null);
  const byReason = Object.fromEntries(reasons.map((r) => [r.reason, r.n]));
  const skipped = reasons.reduce((s, r) => s + r.n, 0);
  const expected = outcomes.find((r) => r.reason === null)?.n ?? 0;
  // Defensive: every member marked to cancel must have been cancelled by this statement.
  if (cancelled !== expected) throw new Error(`cancellation count mismatch (${cancelled} vs ${expected})`);

  sqlite
    .prepare(`UPDATE batches SET status = 'executed', executed_by = ?, executed_at = ? WHERE id = ? AND status = 'executing'`)
    .run(actor.id, at, batchId);
  sqlite
    .prepare(`UPDATE jobs SET status = 'done', finished_at = ?, heartbeat_at = ?, progress = total, message = ? WHERE id = ?`)
    .run(at, at, `Cancelled ${cancelled}, skipped ${skipped}.`, jobId);
  audit(auditWith(sqlite), actor, {
    action: 'batch.execute',
    entityType: 'batch',
    entityId: batchId,
    before: { status: 'approved' },
    after: { status: 'executed', cancelled, skipped, byReason, policyVersionId: p.id },
    at,
  });
  return { cancelled, skipped, byReason };
}

/**
 * The execution's own statements (EXECUTE_SQL) run bare in one transaction — no job row, no audit,
 * no claim — for the benchmark's app/raw ratio. Never call it from the app.
 */
export function rawExecuteBatchSql(sqlite: Database.Database, batchId: number, at: number): number {
  const pv = sqlite.prepare('SELECT policy_version_id AS pv FROM batches WHERE id = ?').get(batchId) as { pv: number };
  const p = policy(sqlite, pv.pv);
  return sqlite.transaction(() => runExecuteSql(sqlite, p, batchId, at)).immediate();
}

/**
 * The bare set-based cancellation with no re-checks, for the benchmark only: what raw SQLite
 * needs to flip a batch's members to cancelled. Never call it from the app.
 */
export function rawCancelBatchSql(sqlite: Database.Database, batchId: number, at: number, retentionDays = 300): number {
  return sqlite
    .transaction(
      () =>
        sqlite
          .prepare(
            `UPDATE members SET status = 'cancelled', status_changed_at = @at, cancelled_at = @at, cancelled_batch_id = @b,
               retention_until = @at + @ret
             WHERE id IN (SELECT member_id FROM batch_members WHERE batch_id = @b AND state = 'included')`,
          )
          .run({ b: batchId, at, ret: retentionDays * DAY_MS }).changes,
    )
    .immediate();
}
