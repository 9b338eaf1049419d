import 'server-only';
import type Database from 'better-sqlite3';
import { and, eq, isNotNull, or } from 'drizzle-orm';
import { exclusionAtSend } from '@/lib/domain/delivery/send-checks';
import {
  type Candidate,
  claimRecipientSql,
  dueCandidates,
  excludeRecipientSql,
  failRecipientSql,
  failSendingSql,
  insertMessageSql,
  markSentSql,
  publishRecipientSql,
  readSendSlot,
  recordContactSql,
  renewLeaseSql,
  requeueSendingSql,
  type StoredMessage,
  setServerResponseSql,
  storedMessageSql,
  writeSendSlot,
} from './delivery.sql';
import { campaignMembers } from './schema';
import type { Tx } from './unit-of-work';

// Delivery of campaign messages (see docs/notes/delivery.md for the whole design): the sender's
// commands. Each runs inside the caller's unit of work (lib/delivery/sending.ts opens one
// BEGIN IMMEDIATE transaction per call), so two worker processes never take the same recipient.
// Recipient lifecycle: queued → sending → sent | failed (| queued again after a transient failure).
// The messages row is written at claim time, before the SMTP call; an email recipient left
// 'sending' after its lease expired belongs to a crashed worker and is marked failed
// ("interrupted"), never re-sent automatically: the server may already have accepted it.

export type BuiltMessage = {
  to: string | null;
  subject: string;
  html: string;
  text: string;
  channel: 'email' | 'in_app';
  language?: string; // BCP 47 the message was written in
};
/** Renders one recipient's message (lib/delivery/message.ts buildMessageFor), on the transaction's connection. */
export type BuildMessage = (sqlite: Database.Database, campaignMemberId: number) => BuiltMessage;

export const INTERRUPTED_REASON =
  'interrupted: the sender stopped during delivery, so it is unknown whether the server accepted it; not retried automatically to avoid a duplicate';
export const NOTICE_EXPIRED_REASON = 'in-app notice not acknowledged before the campaign deadline';
export const NOT_SENT_BY_DEADLINE_REASON = 'not sent: the campaign reached its deadline first';
const RATE_SLOT_KEY = 'delivery.next_send_slot';

function exclude(tx: Tx, id: number, reason: string) {
  excludeRecipientSql(tx.sqlite, id, reason);
}

/**
 * Writes the messages row once per recipient (a retry re-sends the same rendered message).
 * Returns its id and contents, or a reason the recipient cannot get a message at all.
 */
function ensureMessage(
  tx: Tx,
  build: BuildMessage,
  c: Candidate,
  at: number,
): { ok: true; message: StoredMessage } | { ok: false; exclude?: string; fail?: string } {
  if (c.messageId == null) {
    let built: BuiltMessage;
    try {
      built = build(tx.sqlite, c.id);
    } catch (err) {
      return { ok: false, fail: `could not build the message: ${err instanceof Error ? err.message : 'unknown error'}` };
    }
    if (c.channel === 'email' && !built.to) return { ok: false, exclude: 'no_email_address' };
    insertMessageSql(tx.sqlite, {
      campaignMemberId: c.id,
      channel: c.channel,
      to: built.to,
      subject: built.subject,
      html: built.html,
      text: built.text,
      language: built.language ?? null,
      at,
    });
  }
  const message = storedMessageSql(tx.sqlite, c.id, c.channel);
  if (!message) throw new Error(`no message stored for recipient ${c.id}`);
  if (c.channel === 'email' && !message.to) return { ok: false, exclude: 'no_email_address' };
  return { ok: true, message };
}

/** Excludes or fails the candidate if it must not, or cannot, get a message; else its stored message. */
function prepareCandidate(tx: Tx, build: BuildMessage, c: Candidate, at: number): StoredMessage | null {
  const excluded = exclusionAtSend(c);
  if (excluded) {
    exclude(tx, c.id, excluded);
    return null;
  }
  const m = ensureMessage(tx, build, c, at);
  if (m.ok) return m.message;
  if (m.exclude) exclude(tx, c.id, m.exclude);
  else failRecipientSql(tx.sqlite, c.id, m.fail ?? 'could not build the message');
  return null;
}

export type { StoredMessage } from './delivery.sql';
export type ClaimedEmail = {
  campaignMemberId: number;
  campaignId: number;
  memberId: number;
  attempts: number;
  message: StoredMessage;
};
export type ClaimResult = { kind: 'claimed'; item: ClaimedEmail } | { kind: 'wait'; ms: number } | { kind: 'idle' };

/**
 * Claims the next email recipient due for sending. The global send rate is one slot every
 * `minIntervalMs`, shared by every worker process through app_settings. Recipients who must no
 * longer be contacted are excluded on the way.
 */
export function claimNextEmail(
  tx: Tx,
  build: BuildMessage,
  o: { at: number; leaseMs: number; minIntervalMs: number },
): ClaimResult {
  for (let guard = 0; guard < 200; guard++) {
    const c = dueCandidates(tx.sqlite, 'email', o.at, 1)[0];
    if (!c) return { kind: 'idle' };
    const excluded = exclusionAtSend(c);
    if (excluded) {
      exclude(tx, c.id, excluded);
      continue;
    }
    const slot = readSendSlot(tx.sqlite, RATE_SLOT_KEY);
    if (slot > o.at) return { kind: 'wait', ms: slot - o.at };
    const message = prepareCandidate(tx, build, c, o.at);
    if (!message) continue;
    writeSendSlot(tx.sqlite, RATE_SLOT_KEY, Math.max(slot, o.at) + o.minIntervalMs);
    const attempts = claimRecipientSql(tx.sqlite, c.id, o.at + o.leaseMs);
    if (attempts === undefined) throw new Error(`recipient ${c.id} left the queue during its claim`);
    return {
      kind: 'claimed',
      item: { campaignMemberId: c.id, campaignId: c.campaignId, memberId: c.memberId, attempts, message },
    };
  }
  return { kind: 'wait', ms: 0 };
}

/** Extends the lease of recipients this worker is still sending (so a slow server is not taken for a crash). */
export function renewLeases(tx: Tx, ids: number[], until: number) {
  for (const id of ids) renewLeaseSql(tx.sqlite, id, until);
}

/**
 * The channel accepted the message: recipient 'sent' at `at`. Also accepts a recipient that was
 * marked interrupted meanwhile (a stalled, not dead, sender): the truth is that it was sent.
 */
export function markSent(tx: Tx, campaignMemberId: number, at: number, response: string): boolean {
  const memberId = markSentSql(tx.sqlite, campaignMemberId, at, INTERRUPTED_REASON);
  if (memberId === undefined) return false;
  setServerResponseSql(tx.sqlite, campaignMemberId, 'email', response, at);
  recordContactSql(tx.sqlite, memberId, at);
  return true;
}

/**
 * An in-app notice was acknowledged: recipient 'sent' at `at` (only while it is 'sending'). A
 * recipient whose email bounced is reached now: the response window runs from this delivery.
 */
export function markNoticeSent(tx: Tx, campaignMemberId: number, at: number, response: string) {
  const row = tx.db
    .update(campaignMembers)
    .set({ status: 'sent', sentAt: at, failedReason: null, bouncedAt: null })
    .where(
      and(
        eq(campaignMembers.id, campaignMemberId),
        or(eq(campaignMembers.status, 'sending'), and(eq(campaignMembers.status, 'sent'), isNotNull(campaignMembers.bouncedAt))),
      ),
    )
    .returning({ memberId: campaignMembers.memberId })
    .get();
  if (!row) return;
  setServerResponseSql(tx.sqlite, campaignMemberId, 'in_app', response, at);
  recordContactSql(tx.sqlite, row.memberId, at);
}

/** A transient failure: back to 'queued' until `retryAt`, keeping the server's reason visible. */
export function markRetry(tx: Tx, campaignMemberId: number, retryAt: number, reason: string) {
  requeueSendingSql(tx.sqlite, campaignMemberId, retryAt, reason);
  setServerResponseSql(tx.sqlite, campaignMemberId, 'email', reason);
}

/** A permanent failure (or retries exhausted): 'failed' with the server's reason. */
export function markFailed(tx: Tx, campaignMemberId: number, reason: string) {
  failSendingSql(tx.sqlite, campaignMemberId, reason);
  setServerResponseSql(tx.sqlite, campaignMemberId, 'email', reason);
}

/**
 * Publishes queued in-app recipients: their notice becomes fetchable by the streaming app
 * (recipient 'sending' until acknowledged). No SMTP involved, so no rate limit; in batches.
 */
export function publishInApp(tx: Tx, build: BuildMessage, at: number, limit = 500): number {
  let published = 0;
  for (const c of dueCandidates(tx.sqlite, 'in_app', at, limit)) {
    if (!prepareCandidate(tx, build, c, at)) continue;
    publishRecipientSql(tx.sqlite, c.id);
    published++;
  }
  return published;
}
