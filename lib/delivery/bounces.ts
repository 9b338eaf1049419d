import {
  type BouncedEmail,
  bounceRecorded,
  countSoftBounce,
  emailOfRecipient,
  fallBackToInApp,
  insertBounce,
  latestEmailTo,
  markNotReached,
  requeueSoftBounced,
  suppressAddress,
} from '@/db/bounces';
import type { UnitOfWork } from '@/db/unit-of-work';
import { redactEmails } from '@/lib/domain/audit-payload';
import {
  type BounceSource,
  type BounceType,
  bounceEffect,
  bounceReasonText,
  normaliseAddress,
  recipientFromMessageId,
  softBounceBackoffMs,
} from '@/lib/domain/delivery/bounces';

// Bounces and complaints, whichever way they arrive (POST /api/bounces, the SES and Postmark
// webhooks, DSNs received by the bounce SMTP listener): each report finds its email by Message-ID
// (or, failing that, the latest email to the address) and, once hard, makes the recipient "sent but
// not reached" — never eligible for a cancellation batch — and suppresses the address for email.

export type BounceReport = {
  source: BounceSource;
  type: BounceType;
  messageId?: string | null;
  address?: string | null;
  occurredAt: number;
  detail: string;
};

export type BounceResult =
  | { kind: 'recorded'; recipientId: number; effect: 'not_reached' | 'retry' | 'already_not_reached'; inApp?: boolean }
  | { kind: 'duplicate'; recipientId: number | null }
  | { kind: 'unmatched'; recorded: boolean };

function findEmail(uow: UnitOfWork, r: BounceReport): BouncedEmail | undefined {
  const ref = r.messageId ? recipientFromMessageId(r.messageId) : null;
  const byId = ref ? emailOfRecipient(uow.tx.db, ref.recipientId) : undefined;
  if (byId && byId.campaignId === ref?.campaignId) return byId;
  return r.address ? latestEmailTo(uow.tx.db, normaliseAddress(r.address)) : undefined;
}

/**
 * A campaign on both channels can still show the member the message in-app, while it is live and
 * before its deadline (the streaming app fetches notices only then).
 */
function reachableInApp(e: BouncedEmail, at: number): boolean {
  return e.campaignChannel === 'both' && isLive(e, at);
}

/** A sent email whose campaign still takes messages and whose member may still be contacted at `at`. */
function isLive(e: BouncedEmail, at: number): boolean {
  return (
    e.channel === 'email' &&
    e.status === 'sent' &&
    (e.campaignStatus === 'sending' || e.campaignStatus === 'awaiting_responses') &&
    (e.deadlineAt == null || e.deadlineAt > at) &&
    e.memberStatus !== 'cancelled'
  );
}

/**
 * Records one report in the caller's unit of work. `unmatched`: 'refuse' stores nothing when no
 * email of ours matches (the generic API answers 404); 'record' keeps the report and still
 * suppresses a hard-bounced or complaining address (a provider's webhook: the mail was ours).
 */
export function recordBounce(uow: UnitOfWork, r: BounceReport, unmatched: 'refuse' | 'record' = 'refuse'): BounceResult {
  const { tx, now, audit } = uow;
  const address = r.address ? normaliseAddress(r.address) : null;
  const email = findEmail(uow, r);
  const recipientId = email?.recipientId ?? null;
  if (!email && unmatched === 'refuse') return { kind: 'unmatched', recorded: false };
  if (bounceRecorded(tx.db, { recipientId, type: r.type, occurredAt: r.occurredAt, address }))
    return { kind: 'duplicate', recipientId };
  const row = {
    source: r.source,
    type: r.type,
    messageRef: r.messageId?.trim().slice(0, 300) || null,
    address,
    recipientId,
    // The diagnostic often quotes the address: it is kept (and shown) without it, so erasing the
    // member only has to clear the address columns (decision 018).
    reason: redactEmails(r.detail).trim().slice(0, 500) || r.type,
    occurredAt: r.occurredAt,
    receivedAt: now,
  };
  const bounceId = insertBounce(tx.db, row);

  if (!email) {
    const reason = bounceReasonText(r.type, redactEmails(r.detail), 0);
    if (address && r.type !== 'soft') suppressAddress(tx, { address, reason, source: r.source, at: now });
    audit({
      action: 'delivery.bounce_unmatched',
      entityType: 'bounce',
      entityId: bounceId,
      after: { source: row.source, type: row.type, occurredAt: row.occurredAt, reason },
    });
    return { kind: 'unmatched', recorded: true };
  }

  const softBounces = r.type === 'soft' ? countSoftBounce(tx.db, email.recipientId) : email.softBounces;
  const effect = bounceEffect(r.type, softBounces - (r.type === 'soft' ? 1 : 0));
  if (effect === 'retry') {
    const retryAt = now + softBounceBackoffMs(softBounces);
    const resend =
      isLive(email, retryAt) &&
      requeueSoftBounced(tx, email.recipientId, retryAt, `soft bounce ${softBounces}: ${row.reason}`.slice(0, 500), now);
    audit({
      action: 'delivery.soft_bounce',
      entityType: 'campaign_member',
      entityId: email.recipientId,
      after: { bounceId, softBounces, source: r.source, resendAt: resend ? retryAt : null },
    });
    return { kind: 'recorded', recipientId: email.recipientId, effect };
  }
  const reason = bounceReasonText(r.type, redactEmails(r.detail), softBounces);
  const marked = markNotReached(tx.db, email.recipientId, r.occurredAt, reason);
  const suppressed = email.to ? normaliseAddress(email.to) : address;
  if (suppressed) suppressAddress(tx, { address: suppressed, reason, source: r.source, at: now });
  const inApp = marked && reachableInApp(email, now) && fallBackToInApp(tx, email.recipientId, now);
  audit({
    action: 'delivery.bounced',
    entityType: 'campaign_member',
    entityId: email.recipientId,
    after: { bounceId, type: r.type, reason, source: r.source, campaignId: email.campaignId, notReached: marked, inApp },
  });
  return { kind: 'recorded', recipientId: email.recipientId, effect: marked ? 'not_reached' : 'already_not_reached', inApp };
}
