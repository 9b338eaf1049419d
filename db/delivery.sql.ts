import 'server-only';
import type Database from 'better-sqlite3';

// Named bulk statements of delivery: the sender's queue scan and its set-based state changes.
// Each runs on the open transaction's raw handle; results are typed here, next to their SQL.

/** A queued recipient due for sending, with what the send-time checks need. */
export type Candidate = {
  id: number;
  campaignId: number;
  memberId: number;
  channel: 'email' | 'in_app';
  assignedAt: number;
  memberStatus: string;
  lastViewedAt: number | null;
  suppressed: number;
  messageId: number | null;
};

const CANDIDATE_SQL = `
  SELECT cm.id, cm.campaign_id AS campaignId, cm.member_id AS memberId, cm.channel, cm.assigned_at AS assignedAt,
         m.status AS memberStatus, m.last_viewed_at AS lastViewedAt,
         EXISTS (SELECT 1 FROM suppressions s WHERE s.member_id = cm.member_id) AS suppressed,
         (SELECT msg.id FROM messages msg WHERE msg.campaign_member_id = cm.id) AS messageId
  FROM campaigns c
  JOIN campaign_members cm ON cm.campaign_id = c.id AND cm.status = 'queued'
  JOIN members m ON m.id = cm.member_id
  WHERE c.status = 'sending' AND cm.channel = ? AND (cm.next_attempt_at IS NULL OR cm.next_attempt_at <= ?)
  ORDER BY cm.id
  LIMIT ?`;

/** The queue scan: up to `limit` recipients of a channel due at `at`, lowest id first, of campaigns in 'sending'. */
export function dueCandidates(sqlite: Database.Database, channel: 'email' | 'in_app', at: number, limit: number): Candidate[] {
  return sqlite.prepare(CANDIDATE_SQL).all(channel, at, limit) as Candidate[];
}

/**
 * Records a contact: only a member still dormant becomes 'notified' — never resurrect a cancelled
 * one, never demote an active one.
 */
export function recordContactSql(sqlite: Database.Database, memberId: number, at: number) {
  sqlite
    .prepare(
      `UPDATE members SET last_contacted_at = @at,
         status_changed_at = CASE WHEN status = 'dormant' THEN @at ELSE status_changed_at END,
         status = CASE WHEN status = 'dormant' THEN 'notified' ELSE status END
       WHERE id = @memberId`,
    )
    .run({ at, memberId });
}

/** Fails a campaign's email recipients whose lease expired before `at`; their messages are marked interrupted. */
export function failExpiredLeasesSql(sqlite: Database.Database, campaignId: number, at: number, reason: string): number {
  const n = sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'failed', failed_reason = ?, next_attempt_at = NULL
       WHERE campaign_id = ? AND status = 'sending' AND channel = 'email' AND next_attempt_at < ?`,
    )
    .run(reason, campaignId, at).changes;
  if (n)
    sqlite
      .prepare(`UPDATE messages SET server_response = 'interrupted' WHERE delivered_at IS NULL AND campaign_member_id IN
        (SELECT id FROM campaign_members WHERE campaign_id = ? AND status = 'failed' AND failed_reason = ?)`)
      .run(campaignId, reason);
  return n;
}

/** In-app notices of campaigns that ended or passed their deadline: failed with `reason`. */
export function expireNoticesSql(sqlite: Database.Database, at: number, reason: string): number {
  return sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'failed', failed_reason = ?
       WHERE status = 'sending' AND channel = 'in_app' AND campaign_id IN (
         SELECT id FROM campaigns WHERE status IN ('closed', 'cancelled')
            OR (status IN ('sending', 'paused', 'awaiting_responses') AND deadline_at IS NOT NULL AND deadline_at <= ?))`,
    )
    .run(reason, at).changes;
}

/** Recipients still queued when their campaign closed: failed with `reason`. */
export function failQueuedOfClosedSql(sqlite: Database.Database, reason: string): number {
  return sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'failed', failed_reason = ?, next_attempt_at = NULL
       WHERE status = 'queued' AND campaign_id IN (SELECT id FROM campaigns WHERE status = 'closed')`,
    )
    .run(reason).changes;
}
