import 'server-only';
import type Database from 'better-sqlite3';

// Named statements of delivery: the sender's queue (scan, claim, outcome) and its set-based state
// changes. Each runs on the open transaction's raw handle; results are typed here, next to their
// SQL. The per-message ones are here rather than in Drizzle's query builder because they run for
// every message sent: built through Drizzle, a claim with its message took 9.9 ms against 2.7 ms
// (2-core machine at load average 11; bench/smtp-throughput.ts: 86 against 285 messages/s).

/** A queued recipient due for sending, with what the send-time checks need. */
export type Candidate = {
  id: number;
  campaignId: number;
  memberId: number;
  channel: 'email' | 'in_app';
  assignedAt: number;
  memberStatus: string;
  lastViewedAt: number | null;
  winBack: number;
  winbackConsent: number;
  suppressed: number;
  addressSuppressed: number;
  messageId: number | null;
};

const CANDIDATE_SQL = `
  SELECT cm.id, cm.campaign_id AS campaignId, cm.member_id AS memberId, cm.channel, cm.assigned_at AS assignedAt,
         m.status AS memberStatus, m.last_viewed_at AS lastViewedAt,
         json_extract(c.segment, '$.nextSeasonTitleId') IS NOT NULL AS winBack, m.winback_consent AS winbackConsent,
         EXISTS (SELECT 1 FROM suppressions s WHERE s.member_id = cm.member_id) AS suppressed,
         (cm.channel = 'email' AND EXISTS (SELECT 1 FROM email_suppressions es WHERE es.address = lower(m.email))) AS addressSuppressed,
         (SELECT msg.id FROM messages msg WHERE msg.campaign_member_id = cm.id AND msg.channel = cm.channel) AS messageId
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

/** The global send slot shared by every worker process (app_settings). */
export function readSendSlot(sqlite: Database.Database, key: string): number {
  return Number(
    (sqlite.prepare('SELECT value FROM app_settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? 0,
  );
}

export function writeSendSlot(sqlite: Database.Database, key: string, value: number) {
  sqlite
    .prepare(
      `INSERT INTO app_settings (key, value) VALUES (?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    )
    .run(key, String(value));
}

/** A queued recipient who must not be contacted: 'excluded' with the reason. */
export function excludeRecipientSql(sqlite: Database.Database, id: number, reason: string) {
  sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'excluded', excluded_reason = ?, next_attempt_at = NULL
       WHERE id = ? AND status = 'queued'`,
    )
    .run(reason, id);
}

/** A recipient whose message cannot be built: 'failed' with the reason. */
export function failRecipientSql(sqlite: Database.Database, id: number, reason: string) {
  sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'failed', failed_reason = ?, next_attempt_at = NULL
       WHERE id = ? AND status IN ('queued', 'sending')`,
    )
    .run(reason, id);
}

export type StoredMessage = { id: number; to: string | null; subject: string; html: string; text: string };

export function insertMessageSql(
  sqlite: Database.Database,
  m: {
    campaignMemberId: number;
    channel: 'email' | 'in_app';
    to: string | null;
    subject: string;
    html: string;
    text: string;
    language: string | null;
    at: number;
  },
) {
  sqlite
    .prepare(
      `INSERT INTO messages (campaign_member_id, channel, to_address, subject, body_html, body_text, language, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(m.campaignMemberId, m.channel, m.to, m.subject, m.html, m.text, m.language, m.at);
}

export function storedMessageSql(
  sqlite: Database.Database,
  campaignMemberId: number,
  channel: 'email' | 'in_app',
): StoredMessage | undefined {
  return sqlite
    .prepare(
      `SELECT id, to_address AS "to", subject, body_html AS html, body_text AS text
       FROM messages WHERE campaign_member_id = ? AND channel = ?`,
    )
    .get(campaignMemberId, channel) as StoredMessage | undefined;
}

/** Claims a queued email recipient until `leaseUntil`; returns its attempts, or undefined if it left the queue. */
export function claimRecipientSql(sqlite: Database.Database, id: number, leaseUntil: number): number | undefined {
  const row = sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?
       WHERE id = ? AND status = 'queued' RETURNING attempts`,
    )
    .get(leaseUntil, id) as { attempts: number } | undefined;
  return row?.attempts;
}

/** Publishes a queued in-app recipient: 'sending' until the streaming app acknowledges it. */
export function publishRecipientSql(sqlite: Database.Database, id: number) {
  sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'sending', attempts = attempts + 1, next_attempt_at = NULL
       WHERE id = ? AND status = 'queued'`,
    )
    .run(id);
}

export function renewLeaseSql(sqlite: Database.Database, id: number, until: number) {
  sqlite.prepare(`UPDATE campaign_members SET next_attempt_at = ? WHERE id = ? AND status = 'sending'`).run(until, id);
}

/** 'sent' at `at` if sending, or failed as interrupted meanwhile; returns the member id, or undefined. */
export function markSentSql(sqlite: Database.Database, id: number, at: number, interruptedReason: string): number | undefined {
  const row = sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'sent', sent_at = ?, next_attempt_at = NULL, failed_reason = NULL
       WHERE id = ? AND (status = 'sending' OR (status = 'failed' AND failed_reason = ?))
       RETURNING member_id AS memberId`,
    )
    .get(at, id, interruptedReason) as { memberId: number } | undefined;
  return row?.memberId;
}

/** Back to 'queued' until `retryAt`, with the server's reason. */
export function requeueSendingSql(sqlite: Database.Database, id: number, retryAt: number, reason: string) {
  sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'queued', next_attempt_at = ?, failed_reason = ?
       WHERE id = ? AND status = 'sending'`,
    )
    .run(retryAt, reason, id);
}

/** 'failed' with the server's reason. */
export function failSendingSql(sqlite: Database.Database, id: number, reason: string) {
  sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'failed', failed_reason = ?, next_attempt_at = NULL
       WHERE id = ? AND status = 'sending'`,
    )
    .run(reason, id);
}

/** The message's delivery time (if given) and the server's reply. */
export function setServerResponseSql(
  sqlite: Database.Database,
  campaignMemberId: number,
  channel: 'email' | 'in_app',
  response: string,
  deliveredAt?: number,
) {
  if (deliveredAt === undefined)
    sqlite
      .prepare('UPDATE messages SET server_response = ? WHERE campaign_member_id = ? AND channel = ?')
      .run(response, campaignMemberId, channel);
  else
    sqlite
      .prepare('UPDATE messages SET delivered_at = ?, server_response = ? WHERE campaign_member_id = ? AND channel = ?')
      .run(deliveredAt, response, campaignMemberId, channel);
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
      .prepare(`UPDATE messages SET server_response = 'interrupted' WHERE delivered_at IS NULL AND channel = 'email' AND campaign_member_id IN
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
