import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BounceSource, BounceType } from '@/lib/domain/delivery/bounces';
import type { Db } from './client';
import { appSettings, bounces, campaignMembers, campaigns, emailSuppressions, members, messages } from './schema';
import type { Tx } from './unit-of-work';

// Bounce and complaint reports: finding the email they are about, recording them, and marking the
// recipient never reached. Reads and writes only, in the caller's unit of work:
// lib/delivery/bounces.ts decides and audits.

/** The sent email a report is about, with what deciding its effect needs. */
export type BouncedEmail = {
  recipientId: number;
  campaignId: number;
  memberId: number;
  campaignChannel: 'email' | 'in_app' | 'both';
  campaignStatus: string;
  deadlineAt: number | null;
  memberStatus: string;
  channel: string;
  status: string;
  to: string | null;
  bouncedAt: number | null;
  softBounces: number;
};

const emailFields = {
  recipientId: campaignMembers.id,
  campaignId: campaignMembers.campaignId,
  memberId: campaignMembers.memberId,
  campaignChannel: campaigns.channel,
  campaignStatus: campaigns.status,
  deadlineAt: campaigns.deadlineAt,
  memberStatus: members.status,
  channel: campaignMembers.channel,
  status: campaignMembers.status,
  to: messages.toAddress,
  bouncedAt: campaignMembers.bouncedAt,
  softBounces: campaignMembers.softBounces,
};

/** The email message of recipient `recipientId` (named by its Message-ID), if one was written. */
export function emailOfRecipient(db: Db, recipientId: number): BouncedEmail | undefined {
  return db
    .select(emailFields)
    .from(campaignMembers)
    .innerJoin(messages, and(eq(messages.campaignMemberId, campaignMembers.id), eq(messages.channel, 'email')))
    .innerJoin(campaigns, eq(campaigns.id, campaignMembers.campaignId))
    .innerJoin(members, eq(members.id, campaignMembers.memberId))
    .where(eq(campaignMembers.id, recipientId))
    .get();
}

/** The latest email sent to this address (providers that report by address only), if any. */
export function latestEmailTo(db: Db, address: string): BouncedEmail | undefined {
  const exact = [...new Set([address, address.toLowerCase()])];
  return db
    .select(emailFields)
    .from(members)
    .innerJoin(campaignMembers, eq(campaignMembers.memberId, members.id))
    .innerJoin(messages, and(eq(messages.campaignMemberId, campaignMembers.id), eq(messages.channel, 'email')))
    .innerJoin(campaigns, eq(campaigns.id, campaignMembers.campaignId))
    .where(and(inArray(members.email, exact), eq(campaignMembers.status, 'sent')))
    .orderBy(desc(campaignMembers.sentAt), desc(campaignMembers.id))
    .limit(1)
    .get();
}

/** Whether this very report was recorded already (providers deliver webhooks at least once). */
export function bounceRecorded(
  db: Db,
  b: { recipientId: number | null; type: BounceType; occurredAt: number; address: string | null },
): boolean {
  return !!db
    .select({ id: bounces.id })
    .from(bounces)
    .where(
      and(
        b.recipientId == null ? isNull(bounces.campaignMemberId) : eq(bounces.campaignMemberId, b.recipientId),
        eq(bounces.type, b.type),
        eq(bounces.occurredAt, b.occurredAt),
        b.recipientId == null && b.address != null ? eq(bounces.address, b.address) : undefined,
      ),
    )
    .get();
}

export function insertBounce(
  db: Db,
  b: {
    source: BounceSource;
    type: BounceType;
    messageRef: string | null;
    address: string | null;
    recipientId: number | null;
    reason: string;
    occurredAt: number;
    receivedAt: number;
  },
): number {
  const { recipientId, ...rest } = b;
  return db
    .insert(bounces)
    .values({ ...rest, campaignMemberId: recipientId })
    .returning({ id: bounces.id })
    .get().id;
}

/** One more soft bounce of a recipient; returns the new count. */
export function countSoftBounce(db: Db, recipientId: number): number {
  return (
    db
      .update(campaignMembers)
      .set({ softBounces: sql`${campaignMembers.softBounces} + 1` })
      .where(eq(campaignMembers.id, recipientId))
      .returning({ n: campaignMembers.softBounces })
      .get()?.n ?? 0
  );
}

/** Sent but never reached: the first bounce's time and reason stay (a later report changes nothing). */
export function markNotReached(db: Db, recipientId: number, at: number, reason: string): boolean {
  return (
    db
      .update(campaignMembers)
      .set({ bouncedAt: at, bounceReason: reason })
      .where(and(eq(campaignMembers.id, recipientId), isNull(campaignMembers.bouncedAt)))
      .run().changes > 0
  );
}

/** Suppresses an address for future email; an address already listed keeps its first reason. */
export function suppressAddress(tx: Tx, v: { address: string; reason: string; source: string; at: number }): boolean {
  return (
    tx.db
      .insert(emailSuppressions)
      .values({ address: v.address, reason: v.reason, source: v.source, addedAt: v.at })
      .onConflictDoNothing({ target: emailSuppressions.address })
      .run().changes > 0
  );
}

/**
 * The bounced email's recipient is offered the same message in-app: an in-app copy of the message
 * (a second messages row) that the notices API serves while the recipient stays 'sent' and
 * bounced. Its acknowledgement (db/delivery.ts markNoticeSent) makes the member reached from then.
 * False when there is no email message to copy, or a copy exists already.
 */
export function fallBackToInApp(tx: Tx, recipientId: number, at: number): boolean {
  const email = tx.db
    .select({ subject: messages.subject, bodyHtml: messages.bodyHtml, bodyText: messages.bodyText })
    .from(messages)
    .where(and(eq(messages.campaignMemberId, recipientId), eq(messages.channel, 'email')))
    .get();
  if (!email) return false;
  return (
    tx.db
      .insert(messages)
      .values({ campaignMemberId: recipientId, channel: 'in_app', toAddress: null, ...email, createdAt: at })
      .onConflictDoNothing()
      .run().changes > 0
  );
}

/**
 * Keeps an SNS subscription request (one per topic) until someone confirms it: the server never
 * fetches a URL named by an incoming request (README: confirming the SES subscription).
 */
export function keepSnsSubscription(tx: Tx, v: { topicArn: string; subscribeUrl: string; at: number }) {
  const value = JSON.stringify({ subscribeUrl: v.subscribeUrl, receivedAt: v.at });
  tx.db
    .insert(appSettings)
    .values({ key: `bounces.sns_subscription:${v.topicArn}`, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value } })
    .run();
}

/**
 * A soft-bounced email is sent again at `retryAt` (the same message, so the same Message-ID):
 * the recipient goes back to the queue, and a campaign that had finished sending sends again.
 */
export function requeueSoftBounced(tx: Tx, recipientId: number, retryAt: number, reason: string, at: number): boolean {
  const row = tx.db
    .update(campaignMembers)
    .set({ status: 'queued', nextAttemptAt: retryAt, failedReason: reason })
    .where(and(eq(campaignMembers.id, recipientId), eq(campaignMembers.status, 'sent'), eq(campaignMembers.channel, 'email')))
    .returning({ campaignId: campaignMembers.campaignId })
    .get();
  if (!row) return false;
  tx.db
    .update(campaigns)
    .set({ status: 'sending', updatedAt: at })
    .where(and(eq(campaigns.id, row.campaignId), eq(campaigns.status, 'awaiting_responses')))
    .run();
  return true;
}

export type SuppressedAddress = { address: string; reason: string; source: string; addedAt: number };

/** The newest suppressed addresses, and how many there are in all. */
export function suppressedAddresses(db: Db, limit: number): { rows: SuppressedAddress[]; total: number } {
  const rows = db
    .select({
      address: emailSuppressions.address,
      reason: emailSuppressions.reason,
      source: emailSuppressions.source,
      addedAt: emailSuppressions.addedAt,
    })
    .from(emailSuppressions)
    .orderBy(desc(emailSuppressions.addedAt), emailSuppressions.address)
    .limit(limit)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(emailSuppressions).get()?.n ?? 0;
  return { rows, total };
}
