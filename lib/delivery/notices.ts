import type Database from 'better-sqlite3';
import { drizzleFor } from '@/db/client';
import { markNoticeSent } from '@/db/delivery';
import { type Notice, noticeForAck, pendingNotices } from '@/db/delivery-reads';
import type { UnitOfWork } from '@/db/unit-of-work';

// In-app notices for the streaming app: what a member has pending, and the acknowledgement that
// makes a notice count as sent.

/** Pending notices for a member (reads only: fetching changes nothing). */
export function noticesFor(sqlite: Database.Database, accountId: string, at: number): Notice[] {
  return pendingNotices(drizzleFor(sqlite), accountId, at);
}

export type AckResult =
  | { kind: 'acknowledged'; sentAt: number }
  | { kind: 'already'; sentAt: number }
  | { kind: 'not_found' }
  | { kind: 'withdrawn' };

/**
 * The streaming app showed the notice: recipient 'sent' at the acknowledgement time, audited in
 * the caller's unit of work. Idempotent: a second acknowledgement changes nothing and reports the
 * first one's time.
 */
export function acknowledgeNotice(uow: UnitOfWork, input: { messageId: number; accountId?: string }): AckResult {
  const { tx, now: at } = uow;
  const row = noticeForAck(tx.db, input.messageId);
  if (!row || (input.accountId !== undefined && input.accountId !== row.accountId)) return { kind: 'not_found' };
  if (row.status === 'sent' && row.sentAt != null) return { kind: 'already', sentAt: row.sentAt };
  const live =
    row.status === 'sending' &&
    (row.campaignStatus === 'sending' || row.campaignStatus === 'awaiting_responses') &&
    (row.deadlineAt == null || row.deadlineAt > at) &&
    row.memberStatus !== 'cancelled' &&
    !row.suppressed;
  if (!live) return { kind: 'withdrawn' };
  markNoticeSent(tx, row.id, at, 'acknowledged by the streaming app');
  uow.audit({
    action: 'notice.acknowledged',
    entityType: 'campaign_member',
    entityId: row.id,
    after: { messageId: input.messageId, campaignId: row.campaignId, sentAt: at },
  });
  return { kind: 'acknowledged', sentAt: at };
}
