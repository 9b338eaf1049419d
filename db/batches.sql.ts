import 'server-only';
import type Database from 'better-sqlite3';
import { SKIP_REASONS } from '@/lib/domain/batches/eligibility';
import { DAY_MS } from '@/lib/runtime/clock';
import { namedParams } from './named-params';
import { STATUS_IDX_TERM } from './schema/members';

// The named bulk statements of cancellation batches: the proposal's selection of members and the
// execution's re-check, cancellation and release. Set-based, a handful of statements for any
// batch size; everything else about batches goes through Drizzle (db/batches.ts and its siblings).

/** Open batches hold their members: a member is in at most one of them. */
const OPEN_STATUSES = "('proposed','submitted','approved','executing')";

/**
 * SQL for "dormant at @day under the policy" (lib/domain/batches/eligibility.ts isDormantAt), from the
 * facts joined_at / last_viewed_at, never from the status column. @nw / @ia are the thresholds in ms.
 */
const DORMANT_SQL = `(CASE WHEN m.last_viewed_at IS NULL
    THEN (m.joined_at / ${DAY_MS}) * ${DAY_MS} + @nw <= @day
    ELSE (m.last_viewed_at / ${DAY_MS}) * ${DAY_MS} + @ia <= @day END)`;

/** The member has no "cancel now" answer waiting for its period end (any campaign): they leave on their own. */
const NO_LEAVE_WAITING = 'NOT EXISTS (SELECT 1 FROM leave_requests lr WHERE lr.member_id = m.id AND lr.cancelled_at IS NULL)';

/**
 * "No response to the message": reached (sent and not bounced), not confirmed, no view since
 * sending (DOMAIN.md). NO_RESPONSE_SQL(false) is the same for members the email never reached —
 * whatever happened to them since (an in-app notice standing in that nobody acknowledged fails).
 */
const NO_RESPONSE_SQL = (reached = true) => `${
  reached ? "cm.status = 'sent' AND cm.bounced_at IS NULL" : 'cm.bounced_at IS NOT NULL'
} AND cm.sent_at IS NOT NULL AND cm.variant_id IS NOT NULL
  AND cm.confirmed_at IS NULL AND cm.reactivated_at IS NULL AND cm.outcome NOT IN ('confirmed','reactivated','chose_to_leave')
  AND NOT EXISTS (SELECT 1 FROM keep_confirmations k WHERE k.campaign_member_id = cm.id)
  AND ${NO_LEAVE_WAITING}
  AND (m.last_viewed_at IS NULL OR m.last_viewed_at < cm.sent_at)`;

/** The thresholds of the policy version a batch uses (a row of policy_versions). */
export type BatchPolicyRow = { id: number; neverWatchedDays: number; inactiveDays: number; retentionDays: number };

function policyParams(p: BatchPolicyRow, at: number) {
  return {
    nw: p.neverWatchedDays * DAY_MS,
    ia: p.inactiveDays * DAY_MS,
    day: Math.floor(at / DAY_MS) * DAY_MS,
  };
}

/** Recipients of @c with no response who are not cancelled, not in another open batch, and still dormant. */
const candidatesSql = (reached: boolean, state: 'included' | 'excluded') => `
  INSERT INTO batch_members (batch_id, member_id, campaign_member_id, state, reason, decided_at, price_minor, currency, country, plan)
    SELECT @b, m.id, cm.id, '${state}', ${state === 'included' ? 'NULL, NULL' : '@notReached, @at'},
      m.price_minor, m.currency, m.country, m.plan
    FROM campaign_members cm JOIN members m ON m.id = cm.member_id
    WHERE cm.campaign_id = @c AND ${NO_RESPONSE_SQL(reached)}
      AND m.status NOT IN ('cancelled', 'active') AND m.cancelled_at IS NULL
      AND ${DORMANT_SQL}
      AND NOT EXISTS (SELECT 1 FROM batch_members ob JOIN batches ob_b ON ob_b.id = ob.batch_id
                      WHERE ob.member_id = m.id AND ob.state = 'included' AND ob_b.status IN ${OPEN_STATUSES})`;

const PROPOSE_SQL = {
  // Every recipient the message reached with no response who is not cancelled, not in another open
  // batch, and still dormant under the campaign's policy version. Holdout members (no variant) are
  // never included.
  include: candidatesSql(true, 'included'),
  // Those who would have been included but the email bounced: listed as excluded with the reason,
  // so the batch shows who was left out for never being reached.
  notReached: candidatesSql(false, 'excluded'),
  markProposed: `UPDATE members SET status = 'proposed', status_changed_at = @at
    WHERE id IN (SELECT member_id FROM batch_members WHERE batch_id = @b AND state = 'included')`,
};

/** Puts a new batch's members in it and marks them proposed; returns how many it included. */
export function includeProposedMembers(
  sqlite: Database.Database,
  p: BatchPolicyRow,
  batchId: number,
  campaignId: number,
  at: number,
): number {
  const params = { b: batchId, c: campaignId, at, notReached: SKIP_REASONS.notReached, ...policyParams(p, at) };
  const run = (sql: string) => sqlite.prepare(sql).run(namedParams(params, sql)).changes;
  const included = run(PROPOSE_SQL.include);
  if (included > 0) {
    run(PROPOSE_SQL.notReached);
    run(PROPOSE_SQL.markProposed);
  }
  return included;
}

// The statements of an execution, in order (the benchmark also runs them bare: bench/lib/raw-batch.ts).
const KEEP_REASON = `CASE
    WHEN m.status = 'cancelled' OR m.cancelled_at IS NOT NULL THEN @alreadyCancelled
    WHEN cm.outcome = 'chose_to_leave' OR NOT ${NO_LEAVE_WAITING} THEN @choseToLeave
    WHEN cm.bounced_at IS NOT NULL THEN @notReached
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
      cancellation_source = 'batch', retention_until = @at + @ret
    WHERE id IN (SELECT member_id FROM batch_members WHERE batch_id = @b AND state = 'cancelled')
      AND status <> 'cancelled' AND cancelled_at IS NULL`,
  // 3. Skipped members are no longer waiting for cancellation.
  release: `UPDATE members SET status = 'dormant', status_changed_at = @at
    WHERE ${STATUS_IDX_TERM} AND status = 'proposed'
      AND id IN (SELECT member_id FROM batch_members WHERE batch_id = @b AND state = 'skipped')`,
};

export type ExecutionStep = 'checked' | 'cancelled';

/**
 * Runs EXECUTE_SQL in order inside the caller's transaction (no savepoint: a savepoint makes
 * SQLite keep a copy of every page it changes); returns how many members it cancelled.
 * `onStep` lets the crash test kill the process between the steps.
 */
export function runExecuteSql(
  sqlite: Database.Database,
  p: BatchPolicyRow,
  batchId: number,
  at: number,
  onStep?: (step: ExecutionStep) => void,
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
