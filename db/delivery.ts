import 'server-only';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { type Actor, audit, SYSTEM_ACTOR } from './audit';
import type { Db } from './client';
import * as schema from './schema';

// Delivery of campaign messages (see docs/notes/delivery.md for the whole design).
// Recipient lifecycle: queued → sending → sent | failed (| queued again after a transient failure).
// Every claim happens inside an IMMEDIATE transaction, so two worker processes never take the
// same recipient. The messages row is written at claim time, before the SMTP call; an email
// recipient left 'sending' after its lease expired belongs to a crashed worker and is marked
// failed ("interrupted"), never re-sent automatically: the server may already have accepted it.

export type BuiltMessage = { to: string | null; subject: string; html: string; text: string; channel: 'email' | 'in_app' };
/** h3's buildMessageFor(sqlite, campaignMemberId) from db/campaign-messages.ts. */
export type BuildMessage = (sqlite: Database.Database, campaignMemberId: number) => BuiltMessage;

export const INTERRUPTED_REASON =
  'interrupted: the sender stopped during delivery, so it is unknown whether the server accepted it; not retried automatically to avoid a duplicate';
export const NOTICE_EXPIRED_REASON = 'in-app notice not acknowledged before the campaign deadline';
export const NOT_SENT_BY_DEADLINE_REASON = 'not sent: the campaign reached its deadline first';
const RATE_SLOT_KEY = 'delivery.next_send_slot';

const drizzles = new WeakMap<Database.Database, Db>();
function orm(sqlite: Database.Database): Db {
  let d = drizzles.get(sqlite);
  if (!d) {
    d = drizzle(sqlite, { schema }) as unknown as Db;
    drizzles.set(sqlite, d);
  }
  return d;
}

function immediate<T>(sqlite: Database.Database, fn: () => T): T {
  return sqlite.transaction(fn).immediate();
}

type Candidate = {
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

/**
 * Why a queued recipient must not be contacted now, or null. Checked at send time because the
 * world moves between queueing and sending: a suppression added, a view (which resets dormancy
 * and wins over any pending outcome), a cancellation.
 */
export function exclusionAtSend(c: Pick<Candidate, 'suppressed' | 'memberStatus' | 'lastViewedAt' | 'assignedAt'>) {
  if (c.suppressed) return 'suppressed';
  if (c.memberStatus === 'cancelled') return 'cancelled_before_send';
  if (c.memberStatus === 'active' || (c.lastViewedAt != null && c.lastViewedAt >= c.assignedAt)) return 'reactivated_before_send';
  return null;
}

function exclude(sqlite: Database.Database, id: number, reason: string) {
  sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'excluded', excluded_reason = ?, next_attempt_at = NULL
       WHERE id = ? AND status = 'queued'`,
    )
    .run(reason, id);
}

function failNow(sqlite: Database.Database, id: number, reason: string) {
  sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'failed', failed_reason = ?, next_attempt_at = NULL
       WHERE id = ? AND status IN ('queued', 'sending')`,
    )
    .run(reason, id);
}

/**
 * Writes the messages row once per recipient (a retry re-sends the same rendered message).
 * Returns its id and contents, or a reason the recipient cannot get a message at all.
 */
function ensureMessage(
  sqlite: Database.Database,
  build: BuildMessage,
  c: Candidate,
  at: number,
): { ok: true; message: StoredMessage } | { ok: false; exclude?: string; fail?: string } {
  if (c.messageId == null) {
    let built: BuiltMessage;
    try {
      built = build(sqlite, c.id);
    } catch (err) {
      return { ok: false, fail: `could not build the message: ${err instanceof Error ? err.message : 'unknown error'}` };
    }
    if (c.channel === 'email' && !built.to) return { ok: false, exclude: 'no_email_address' };
    sqlite
      .prepare(
        `INSERT INTO messages (campaign_member_id, channel, to_address, subject, body_html, body_text, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.id, c.channel, built.to, built.subject, built.html, built.text, at);
  }
  const message = sqlite
    .prepare(
      `SELECT id, to_address AS "to", subject, body_html AS html, body_text AS text
       FROM messages WHERE campaign_member_id = ?`,
    )
    .get(c.id) as StoredMessage;
  if (c.channel === 'email' && !message.to) return { ok: false, exclude: 'no_email_address' };
  return { ok: true, message };
}

export type StoredMessage = { id: number; to: string | null; subject: string; html: string; text: string };
export type ClaimedEmail = {
  campaignMemberId: number;
  campaignId: number;
  memberId: number;
  attempts: number;
  message: StoredMessage;
};
export type ClaimResult = { kind: 'claimed'; item: ClaimedEmail } | { kind: 'wait'; ms: number } | { kind: 'idle' };

/**
 * Claims the next email recipient due for sending, atomically (IMMEDIATE transaction). The global
 * send rate is one slot every `minIntervalMs`, shared by every worker process through app_settings.
 * Recipients who must no longer be contacted are excluded on the way.
 */
export function claimNextEmail(
  sqlite: Database.Database,
  build: BuildMessage,
  o: { at: number; leaseMs: number; minIntervalMs: number },
): ClaimResult {
  return immediate(sqlite, () => {
    for (let guard = 0; guard < 200; guard++) {
      const c = sqlite.prepare(CANDIDATE_SQL).get('email', o.at, 1) as Candidate | undefined;
      if (!c) return { kind: 'idle' as const };
      const excluded = exclusionAtSend(c);
      if (excluded) {
        exclude(sqlite, c.id, excluded);
        continue;
      }
      const slot = Number(
        (sqlite.prepare('SELECT value FROM app_settings WHERE key = ?').get(RATE_SLOT_KEY) as { value: string } | undefined)
          ?.value ?? 0,
      );
      if (slot > o.at) return { kind: 'wait' as const, ms: slot - o.at };
      const m = ensureMessage(sqlite, build, c, o.at);
      if (!m.ok) {
        if (m.exclude) exclude(sqlite, c.id, m.exclude);
        else failNow(sqlite, c.id, m.fail ?? 'could not build the message');
        continue;
      }
      sqlite
        .prepare(
          `INSERT INTO app_settings (key, value) VALUES (?, ?)
           ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        )
        .run(RATE_SLOT_KEY, String(Math.max(slot, o.at) + o.minIntervalMs));
      const row = sqlite
        .prepare(
          `UPDATE campaign_members SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?
           WHERE id = ? AND status = 'queued' RETURNING attempts`,
        )
        .get(o.at + o.leaseMs, c.id) as { attempts: number };
      return {
        kind: 'claimed' as const,
        item: {
          campaignMemberId: c.id,
          campaignId: c.campaignId,
          memberId: c.memberId,
          attempts: row.attempts,
          message: m.message,
        },
      };
    }
    return { kind: 'wait' as const, ms: 0 };
  });
}

/** Extends the lease of recipients this worker is still sending (so a slow server is not taken for a crash). */
export function renewLeases(sqlite: Database.Database, ids: number[], until: number) {
  if (!ids.length) return;
  const stmt = sqlite.prepare(`UPDATE campaign_members SET next_attempt_at = ? WHERE id = ? AND status = 'sending'`);
  immediate(sqlite, () => {
    for (const id of ids) stmt.run(until, id);
  });
}

function recordContact(sqlite: Database.Database, memberId: number, at: number) {
  // Only a member still dormant becomes 'notified': never resurrect a cancelled one, never
  // demote an active one.
  sqlite
    .prepare(
      `UPDATE members SET last_contacted_at = @at,
         status_changed_at = CASE WHEN status = 'dormant' THEN @at ELSE status_changed_at END,
         status = CASE WHEN status = 'dormant' THEN 'notified' ELSE status END
       WHERE id = @memberId`,
    )
    .run({ at, memberId });
}

/**
 * The channel accepted the message: recipient 'sent' at `at`. Also accepts a recipient that was
 * marked interrupted meanwhile (a stalled, not dead, sender): the truth is that it was sent.
 */
export function markSent(sqlite: Database.Database, campaignMemberId: number, at: number, response: string): boolean {
  return immediate(sqlite, () => {
    const row = sqlite
      .prepare(
        `UPDATE campaign_members SET status = 'sent', sent_at = ?, next_attempt_at = NULL, failed_reason = NULL
         WHERE id = ? AND (status = 'sending' OR (status = 'failed' AND failed_reason = ?))
         RETURNING member_id AS memberId`,
      )
      .get(at, campaignMemberId, INTERRUPTED_REASON) as { memberId: number } | undefined;
    if (!row) return false;
    sqlite
      .prepare('UPDATE messages SET delivered_at = ?, server_response = ? WHERE campaign_member_id = ?')
      .run(at, response, campaignMemberId);
    recordContact(sqlite, row.memberId, at);
    return true;
  });
}

/** A transient failure: back to 'queued' until `retryAt`, keeping the server's reason visible. */
export function markRetry(sqlite: Database.Database, campaignMemberId: number, retryAt: number, reason: string) {
  immediate(sqlite, () => {
    sqlite
      .prepare(
        `UPDATE campaign_members SET status = 'queued', next_attempt_at = ?, failed_reason = ?
         WHERE id = ? AND status = 'sending'`,
      )
      .run(retryAt, reason, campaignMemberId);
    sqlite.prepare('UPDATE messages SET server_response = ? WHERE campaign_member_id = ?').run(reason, campaignMemberId);
  });
}

/** A permanent failure (or retries exhausted): 'failed' with the server's reason. */
export function markFailed(sqlite: Database.Database, campaignMemberId: number, reason: string) {
  immediate(sqlite, () => {
    sqlite
      .prepare(
        `UPDATE campaign_members SET status = 'failed', failed_reason = ?, next_attempt_at = NULL
         WHERE id = ? AND status = 'sending'`,
      )
      .run(reason, campaignMemberId);
    sqlite.prepare('UPDATE messages SET server_response = ? WHERE campaign_member_id = ?').run(reason, campaignMemberId);
  });
}

const LIVE_CAMPAIGNS = `SELECT id FROM campaigns WHERE status IN ('sending', 'paused', 'awaiting_responses')`;

/**
 * Email recipients left 'sending' past their lease belong to a sender that died mid-send. Whether
 * the SMTP server accepted the message is unknown, so they are failed as interrupted (a person may
 * retry them, knowingly) rather than re-sent. Returns how many, per campaign (audited as system).
 */
export function recoverInterrupted(sqlite: Database.Database, at: number): number {
  return immediate(sqlite, () => {
    let total = 0;
    const campaigns = sqlite.prepare(LIVE_CAMPAIGNS).all() as { id: number }[];
    for (const { id } of campaigns) {
      const n = sqlite
        .prepare(
          `UPDATE campaign_members SET status = 'failed', failed_reason = ?, next_attempt_at = NULL
           WHERE campaign_id = ? AND status = 'sending' AND channel = 'email' AND next_attempt_at < ?`,
        )
        .run(INTERRUPTED_REASON, id, at).changes;
      if (n) {
        sqlite
          .prepare(`UPDATE messages SET server_response = 'interrupted' WHERE delivered_at IS NULL AND campaign_member_id IN
            (SELECT id FROM campaign_members WHERE campaign_id = ? AND status = 'failed' AND failed_reason = ?)`)
          .run(id, INTERRUPTED_REASON);
        audit(orm(sqlite), SYSTEM_ACTOR, {
          action: 'delivery.interrupted',
          entityType: 'campaign',
          entityId: id,
          after: { recipients: n, reason: INTERRUPTED_REASON },
          at,
        });
        total += n;
      }
    }
    return total;
  });
}

/**
 * Publishes queued in-app recipients: their notice becomes fetchable by the streaming app
 * (recipient 'sending' until acknowledged). No SMTP involved, so no rate limit; set-based in batches.
 */
export function publishInApp(sqlite: Database.Database, build: BuildMessage, at: number, limit = 500): number {
  return immediate(sqlite, () => {
    const rows = sqlite.prepare(CANDIDATE_SQL).all('in_app', at, limit) as Candidate[];
    let published = 0;
    for (const c of rows) {
      const excluded = exclusionAtSend(c);
      if (excluded) {
        exclude(sqlite, c.id, excluded);
        continue;
      }
      const m = ensureMessage(sqlite, build, c, at);
      if (!m.ok) {
        if (m.exclude) exclude(sqlite, c.id, m.exclude);
        else failNow(sqlite, c.id, m.fail ?? 'could not build the message');
        continue;
      }
      sqlite
        .prepare(
          `UPDATE campaign_members SET status = 'sending', attempts = attempts + 1, next_attempt_at = NULL
           WHERE id = ? AND status = 'queued'`,
        )
        .run(c.id);
      published++;
    }
    return published;
  });
}

/**
 * Recipients whose campaign ended before they were reached are failed with that reason, never
 * left dangling: in-app notices nobody acknowledged by the deadline, and anything still queued
 * (paused too long, or retries still pending) when the campaign closed.
 */
export function expireUnsent(sqlite: Database.Database, at: number): number {
  return immediate(sqlite, () => {
    const notices = sqlite
      .prepare(
        `UPDATE campaign_members SET status = 'failed', failed_reason = ?
         WHERE status = 'sending' AND channel = 'in_app' AND campaign_id IN (
           SELECT id FROM campaigns WHERE status IN ('closed', 'cancelled')
              OR (status IN ('sending', 'paused', 'awaiting_responses') AND deadline_at IS NOT NULL AND deadline_at <= ?))`,
      )
      .run(NOTICE_EXPIRED_REASON, at).changes;
    const queued = sqlite
      .prepare(
        `UPDATE campaign_members SET status = 'failed', failed_reason = ?, next_attempt_at = NULL
         WHERE status = 'queued' AND campaign_id IN (SELECT id FROM campaigns WHERE status = 'closed')`,
      )
      .run(NOT_SENT_BY_DEADLINE_REASON).changes;
    return notices + queued;
  });
}

/**
 * A campaign in 'sending' with no email left queued or in flight moves to 'awaiting_responses'
 * (in-app notices stay fetchable until the deadline; an acknowledgement still counts as sent).
 */
export function finishSentCampaigns(sqlite: Database.Database, at: number): number[] {
  return immediate(sqlite, () => {
    const done = sqlite
      .prepare(
        `SELECT c.id FROM campaigns c WHERE c.status = 'sending' AND NOT EXISTS (
           SELECT 1 FROM campaign_members cm WHERE cm.campaign_id = c.id
             AND (cm.status = 'queued' OR (cm.status = 'sending' AND cm.channel = 'email')))`,
      )
      .all() as { id: number }[];
    for (const { id } of done) {
      sqlite
        .prepare(`UPDATE campaigns SET status = 'awaiting_responses', updated_at = ? WHERE id = ? AND status = 'sending'`)
        .run(at, id);
      audit(orm(sqlite), SYSTEM_ACTOR, {
        action: 'campaign.sending_finished',
        entityType: 'campaign',
        entityId: id,
        before: { status: 'sending' },
        after: { status: 'awaiting_responses' },
        at,
      });
    }
    return done.map((d) => d.id);
  });
}

// ---------------------------------------------------------------------------------------------
// In-app notices API

export type Notice = {
  messageId: number;
  subject: string;
  text: string;
  html: string;
  createdAt: number;
  deadlineAt: number | null;
};

/** Pending notices for a member: published, not yet acknowledged, campaign live and before its deadline. */
export function pendingNotices(sqlite: Database.Database, accountId: string, at: number): Notice[] {
  return sqlite
    .prepare(
      `SELECT msg.id AS messageId, msg.subject, msg.body_text AS text, msg.body_html AS html,
              msg.created_at AS createdAt, c.deadline_at AS deadlineAt
       FROM members m
       JOIN campaign_members cm ON cm.member_id = m.id AND cm.channel = 'in_app' AND cm.status = 'sending'
       JOIN campaigns c ON c.id = cm.campaign_id AND c.status IN ('sending', 'awaiting_responses')
       JOIN messages msg ON msg.campaign_member_id = cm.id
       WHERE m.account_id = ? AND m.status <> 'cancelled'
         AND (c.deadline_at IS NULL OR c.deadline_at > ?)
         AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.member_id = m.id)
       ORDER BY msg.id`,
    )
    .all(accountId, at) as Notice[];
}

export type AckResult =
  | { kind: 'acknowledged'; sentAt: number }
  | { kind: 'already'; sentAt: number }
  | { kind: 'not_found' }
  | { kind: 'withdrawn' };

/**
 * The streaming app showed the notice: recipient 'sent' at the acknowledgement time. Idempotent:
 * a second acknowledgement changes nothing and reports the first one's time.
 */
export function acknowledgeNotice(
  sqlite: Database.Database,
  input: { messageId: number; accountId?: string },
  at: number,
  actor: Actor,
): AckResult {
  return immediate(sqlite, () => {
    const row = sqlite
      .prepare(
        `SELECT cm.id, cm.status, cm.sent_at AS sentAt, cm.campaign_id AS campaignId, m.account_id AS accountId,
                c.status AS campaignStatus, c.deadline_at AS deadlineAt, m.status AS memberStatus,
                EXISTS (SELECT 1 FROM suppressions s WHERE s.member_id = m.id) AS suppressed
         FROM messages msg
         JOIN campaign_members cm ON cm.id = msg.campaign_member_id
         JOIN campaigns c ON c.id = cm.campaign_id
         JOIN members m ON m.id = cm.member_id
         WHERE msg.id = ? AND msg.channel = 'in_app'`,
      )
      .get(input.messageId) as
      | {
          id: number;
          status: string;
          sentAt: number | null;
          campaignId: number;
          accountId: string;
          campaignStatus: string;
          deadlineAt: number | null;
          memberStatus: string;
          suppressed: number;
        }
      | undefined;
    if (!row || (input.accountId !== undefined && input.accountId !== row.accountId)) return { kind: 'not_found' as const };
    if (row.status === 'sent' && row.sentAt != null) return { kind: 'already' as const, sentAt: row.sentAt };
    const live =
      row.status === 'sending' &&
      (row.campaignStatus === 'sending' || row.campaignStatus === 'awaiting_responses') &&
      (row.deadlineAt == null || row.deadlineAt > at) &&
      row.memberStatus !== 'cancelled' &&
      !row.suppressed;
    if (!live) return { kind: 'withdrawn' as const };
    markSentInside(sqlite, row.id, at, 'acknowledged by the streaming app');
    audit(orm(sqlite), actor, {
      action: 'notice.acknowledged',
      entityType: 'campaign_member',
      entityId: row.id,
      after: { messageId: input.messageId, campaignId: row.campaignId, sentAt: at },
      at,
    });
    return { kind: 'acknowledged' as const, sentAt: at };
  });
}

function markSentInside(sqlite: Database.Database, campaignMemberId: number, at: number, response: string) {
  const row = sqlite
    .prepare(
      `UPDATE campaign_members SET status = 'sent', sent_at = ?, failed_reason = NULL WHERE id = ? AND status = 'sending'
       RETURNING member_id AS memberId`,
    )
    .get(at, campaignMemberId) as { memberId: number } | undefined;
  if (!row) return;
  sqlite
    .prepare('UPDATE messages SET delivered_at = ?, server_response = ? WHERE campaign_member_id = ?')
    .run(at, response, campaignMemberId);
  recordContact(sqlite, row.memberId, at);
}

// ---------------------------------------------------------------------------------------------
// Staff actions: pause, resume, retry (each in one transaction with its audit entry)

type CampaignRow = { id: number; status: string; deadlineAt: number | null; name: string };
function campaignRow(sqlite: Database.Database, id: number): CampaignRow | undefined {
  return sqlite.prepare('SELECT id, status, deadline_at AS deadlineAt, name FROM campaigns WHERE id = ?').get(id) as
    | CampaignRow
    | undefined;
}

export type StatusChange = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status'; status?: string };

function switchStatus(
  sqlite: Database.Database,
  campaignId: number,
  from: string,
  to: string,
  action: string,
  actor: Actor,
  at: number,
): StatusChange {
  return immediate(sqlite, () => {
    const c = campaignRow(sqlite, campaignId);
    if (!c) return { ok: false as const, reason: 'not_found' as const };
    if (c.status !== from) return { ok: false as const, reason: 'wrong_status' as const, status: c.status };
    sqlite.prepare('UPDATE campaigns SET status = ?, updated_at = ? WHERE id = ? AND status = ?').run(to, at, campaignId, from);
    audit(orm(sqlite), actor, {
      action,
      entityType: 'campaign',
      entityId: campaignId,
      before: { status: from },
      after: { status: to },
      at,
    });
    return { ok: true as const };
  });
}

export const pauseSending = (sqlite: Database.Database, campaignId: number, actor: Actor, at: number) =>
  switchStatus(sqlite, campaignId, 'sending', 'paused', 'delivery.paused', actor, at);
export const resumeSending = (sqlite: Database.Database, campaignId: number, actor: Actor, at: number) =>
  switchStatus(sqlite, campaignId, 'paused', 'sending', 'delivery.resumed', actor, at);

export type RetryResult =
  | { ok: true; requeued: number }
  | { ok: false; reason: 'not_found' | 'wrong_status' | 'past_deadline' | 'none' };

/**
 * Puts failed recipients back in the queue (attempts reset). Interrupted ones only when asked:
 * they may already have received the message. A campaign that had finished sending resumes.
 */
export function retryFailed(
  sqlite: Database.Database,
  campaignId: number,
  includeInterrupted: boolean,
  actor: Actor,
  at: number,
): RetryResult {
  return immediate(sqlite, () => {
    const c = campaignRow(sqlite, campaignId);
    if (!c) return { ok: false as const, reason: 'not_found' as const };
    if (!['sending', 'paused', 'awaiting_responses'].includes(c.status))
      return { ok: false as const, reason: 'wrong_status' as const };
    if (c.deadlineAt != null && c.deadlineAt <= at) return { ok: false as const, reason: 'past_deadline' as const };
    const n = sqlite
      .prepare(
        `UPDATE campaign_members SET status = 'queued', attempts = 0, next_attempt_at = NULL, failed_reason = NULL
         WHERE campaign_id = ? AND status = 'failed' AND (? OR failed_reason IS NOT ?)`,
      )
      .run(campaignId, includeInterrupted ? 1 : 0, INTERRUPTED_REASON).changes;
    if (!n) return { ok: false as const, reason: 'none' as const };
    if (c.status === 'awaiting_responses')
      sqlite.prepare(`UPDATE campaigns SET status = 'sending', updated_at = ? WHERE id = ?`).run(at, campaignId);
    audit(orm(sqlite), actor, {
      action: 'delivery.retry_failed',
      entityType: 'campaign',
      entityId: campaignId,
      before: { status: c.status },
      after: { status: c.status === 'awaiting_responses' ? 'sending' : c.status, requeued: n, includeInterrupted },
      at,
    });
    return { ok: true as const, requeued: n };
  });
}

// ---------------------------------------------------------------------------------------------
// Reads for the campaign page and the outbox

export type DeliveryCounts = {
  campaign: { id: number; name: string; status: string } | null;
  byChannel: {
    channel: string;
    queued: number;
    sending: number;
    sent: number;
    failed: number;
    excluded: number;
    total: number;
  }[];
  interrupted: number;
};

export function deliveryCounts(sqlite: Database.Database, campaignId: number): DeliveryCounts {
  const c = campaignRow(sqlite, campaignId);
  const rows = sqlite
    .prepare(
      `SELECT channel, status, count(*) AS n FROM campaign_members
       WHERE campaign_id = ? AND status <> 'holdout' GROUP BY channel, status ORDER BY channel`,
    )
    .all(campaignId) as { channel: string; status: string; n: number }[];
  const map = new Map<string, DeliveryCounts['byChannel'][number]>();
  for (const r of rows) {
    const e = map.get(r.channel) ?? { channel: r.channel, queued: 0, sending: 0, sent: 0, failed: 0, excluded: 0, total: 0 };
    if (r.status in e) (e as unknown as Record<string, number>)[r.status] = r.n;
    e.total += r.n;
    map.set(r.channel, e);
  }
  const interrupted = (
    sqlite
      .prepare(`SELECT count(*) AS n FROM campaign_members WHERE campaign_id = ? AND status = 'failed' AND failed_reason = ?`)
      .get(campaignId, INTERRUPTED_REASON) as { n: number }
  ).n;
  return { campaign: c ? { id: c.id, name: c.name, status: c.status } : null, byChannel: [...map.values()], interrupted };
}

export type FailedRecipient = { id: number; accountId: string; channel: string; attempts: number; reason: string | null };

export function failedRecipients(sqlite: Database.Database, campaignId: number, limit = 50): FailedRecipient[] {
  return sqlite
    .prepare(
      `SELECT cm.id, m.account_id AS accountId, cm.channel, cm.attempts, cm.failed_reason AS reason
       FROM campaign_members cm JOIN members m ON m.id = cm.member_id
       WHERE cm.campaign_id = ? AND cm.status = 'failed' ORDER BY cm.id LIMIT ?`,
    )
    .all(campaignId, limit) as FailedRecipient[];
}

export type OutboxMessage = {
  recipientId: number;
  messageId: number;
  channel: string;
  to: string | null;
  accountId: string;
  subject: string;
  html: string;
  text: string;
  createdAt: number;
  deliveredAt: number | null;
  serverResponse: string | null;
  status: string;
};

/** The campaign's rendered messages, newest recipient first, keyset-paginated by recipient id. */
export function outboxPage(sqlite: Database.Database, campaignId: number, beforeRecipientId: number | null, limit: number) {
  return sqlite
    .prepare(
      `SELECT cm.id AS recipientId, msg.id AS messageId, msg.channel, msg.to_address AS "to", m.account_id AS accountId,
              msg.subject, msg.body_html AS html, msg.body_text AS text, msg.created_at AS createdAt,
              msg.delivered_at AS deliveredAt, msg.server_response AS serverResponse, cm.status
       FROM campaign_members cm
       JOIN messages msg ON msg.campaign_member_id = cm.id
       JOIN members m ON m.id = cm.member_id
       WHERE cm.campaign_id = ? AND (? IS NULL OR cm.id < ?)
       ORDER BY cm.id DESC LIMIT ?`,
    )
    .all(campaignId, beforeRecipientId, beforeRecipientId, limit) as OutboxMessage[];
}
