import 'server-only';
import { and, count, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, notExists, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { INTERRUPTED_REASON } from './delivery';
import { preparedQuery } from './prepared';
import { campaignMembers, campaigns, members, messages, suppressions } from './schema';

// Delivery reads: the campaign page's delivery panel, the outbox, and the in-app notices API.

const cm = campaignMembers;

export type DeliveryCounts = {
  campaign: { id: number; name: string; status: string } | null;
  byChannel: {
    channel: string;
    /** On the 'none' rows (members never sent to): why they were excluded, one row per reason. */
    excludedReason: string | null;
    queued: number;
    sending: number;
    sent: number;
    /** The email bounced or drew a complaint: not reached (within sent, or in flight while an in-app notice stands in). */
    notReached: number;
    failed: number;
    excluded: number;
    total: number;
  }[];
  interrupted: number;
};

// The delivery panel's reads run on every view of a sent campaign, so each is prepared once per
// connection (db/prepared.ts): building and preparing them cost more than running them.
const ofCampaign = sql.placeholder('campaignId');

function campaignQuery(db: Db) {
  return db
    .select({ id: campaigns.id, status: campaigns.status, deadlineAt: campaigns.deadlineAt, name: campaigns.name })
    .from(campaigns)
    .where(eq(campaigns.id, sql.placeholder('id')))
    .prepare();
}

/** The fields of a campaign that delivery's controls decide on. */
export function campaignForDelivery(db: Db, id: number) {
  return preparedQuery(db, campaignQuery).get({ id });
}

function countsQuery(db: Db) {
  return db
    .select({ channel: cm.channel, reason: cm.excludedReason, status: cm.status, n: count(), bounced: count(cm.bouncedAt) })
    .from(cm)
    .where(and(eq(cm.campaignId, ofCampaign), ne(cm.status, 'holdout')))
    .groupBy(cm.channel, cm.excludedReason, cm.status)
    .orderBy(cm.channel, cm.excludedReason)
    .prepare();
}

function interruptedQuery(db: Db) {
  return db
    .select({ n: count() })
    .from(cm)
    .where(and(eq(cm.campaignId, ofCampaign), eq(cm.status, 'failed'), eq(cm.failedReason, INTERRUPTED_REASON)))
    .prepare();
}

export function deliveryCounts(db: Db, campaignId: number): DeliveryCounts {
  const c = campaignForDelivery(db, campaignId);
  const rows = preparedQuery(db, countsQuery).all({ campaignId });
  const map = new Map<string, DeliveryCounts['byChannel'][number]>();
  for (const r of rows) {
    const excludedReason = r.channel === 'none' ? (r.reason ?? 'unknown') : null;
    const key = excludedReason ? `none:${excludedReason}` : r.channel;
    const e = map.get(key) ?? {
      channel: r.channel,
      excludedReason,
      queued: 0,
      sending: 0,
      sent: 0,
      notReached: 0,
      failed: 0,
      excluded: 0,
      total: 0,
    };
    if (r.status !== 'holdout') e[r.status] = r.n;
    // A bounced email falling back to an in-app notice stays not reached until the notice is acknowledged.
    e.notReached += r.bounced;
    e.total += r.n;
    map.set(key, e);
  }
  const interrupted = preparedQuery(db, interruptedQuery).get({ campaignId })?.n ?? 0;
  return { campaign: c ? { id: c.id, name: c.name, status: c.status } : null, byChannel: [...map.values()], interrupted };
}

export type FailedRecipient = { id: number; accountId: string; channel: string; attempts: number; reason: string | null };

function failedQuery(db: Db) {
  return db
    .select({ id: cm.id, accountId: members.accountId, channel: cm.channel, attempts: cm.attempts, reason: cm.failedReason })
    .from(cm)
    .innerJoin(members, eq(members.id, cm.memberId))
    .where(and(eq(cm.campaignId, ofCampaign), eq(cm.status, 'failed')))
    .orderBy(cm.id)
    .limit(sql.placeholder('limit'))
    .prepare();
}

export function failedRecipients(db: Db, campaignId: number, limit = 50): FailedRecipient[] {
  return preparedQuery(db, failedQuery).all({ campaignId, limit });
}

export type NotReachedRecipient = {
  id: number;
  accountId: string;
  bouncedAt: number;
  reason: string | null;
  /** Offered the message in-app instead (a campaign on both channels), not acknowledged yet. */
  inAppOffered: boolean;
};

function notReachedQuery(db: Db) {
  return db
    .select({
      id: cm.id,
      accountId: members.accountId,
      bouncedAt: sql<number>`${cm.bouncedAt}`,
      reason: cm.bounceReason,
      inAppOffered:
        sql<boolean>`EXISTS (SELECT 1 FROM ${messages} WHERE ${messages.campaignMemberId} = ${cm.id} AND ${messages.channel} = 'in_app')`.mapWith(
          Boolean,
        ),
    })
    .from(cm)
    .innerJoin(members, eq(members.id, cm.memberId))
    .where(and(eq(cm.campaignId, ofCampaign), isNotNull(cm.bouncedAt)))
    .orderBy(cm.bouncedAt, cm.id)
    .limit(sql.placeholder('limit'))
    .prepare();
}

/** Recipients whose email bounced and who were not reached another way, first bounced first. */
export function notReachedRecipients(db: Db, campaignId: number, limit = 50): NotReachedRecipient[] {
  return preparedQuery(db, notReachedQuery).all({ campaignId, limit });
}

export type DeliveryPanelData = { counts: DeliveryCounts; failed: FailedRecipient[]; notReached: NotReachedRecipient[] };

/** What the campaign page's delivery panel shows: counts per channel, the first failed and not-reached recipients. */
export function deliveryPanel(db: Db, campaignId: number, failedLimit = 50): DeliveryPanelData {
  const counts = deliveryCounts(db, campaignId);
  const anyFailed = counts.byChannel.some((c) => c.failed > 0);
  const anyBounced = counts.byChannel.some((c) => c.notReached > 0);
  return {
    counts,
    failed: anyFailed ? failedRecipients(db, campaignId, failedLimit) : [],
    notReached: anyBounced ? notReachedRecipients(db, campaignId, failedLimit) : [],
  };
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
  language: string | null;
  createdAt: number;
  deliveredAt: number | null;
  serverResponse: string | null;
  status: string;
};

/** The campaign's rendered messages, newest recipient first, keyset-paginated by recipient id. */
export function outboxPage(db: Db, campaignId: number, beforeRecipientId: number | null, limit: number): OutboxMessage[] {
  return db
    .select({
      recipientId: cm.id,
      messageId: messages.id,
      channel: messages.channel,
      to: messages.toAddress,
      accountId: members.accountId,
      subject: messages.subject,
      html: messages.bodyHtml,
      text: messages.bodyText,
      language: messages.language,
      createdAt: messages.createdAt,
      deliveredAt: messages.deliveredAt,
      serverResponse: messages.serverResponse,
      status: cm.status,
    })
    .from(cm)
    .innerJoin(messages, eq(messages.campaignMemberId, cm.id))
    .innerJoin(members, eq(members.id, cm.memberId))
    .where(and(eq(cm.campaignId, campaignId), beforeRecipientId == null ? undefined : lt(cm.id, beforeRecipientId)))
    .orderBy(desc(cm.id))
    .limit(limit)
    .all();
}

export type Notice = {
  messageId: number;
  subject: string;
  text: string;
  html: string;
  createdAt: number;
  deadlineAt: number | null;
};

/** Pending notices for a member: published, not yet acknowledged, campaign live and before its deadline. */
export function pendingNotices(db: Db, accountId: string, at: number): Notice[] {
  return db
    .select({
      messageId: messages.id,
      subject: messages.subject,
      text: messages.bodyText,
      html: messages.bodyHtml,
      createdAt: messages.createdAt,
      deadlineAt: campaigns.deadlineAt,
    })
    .from(members)
    .innerJoin(
      cm,
      and(
        eq(cm.memberId, members.id),
        or(
          and(eq(cm.channel, 'in_app'), eq(cm.status, 'sending')),
          // A bounced email's in-app copy (db/bounces.ts fallBackToInApp), until acknowledged.
          and(eq(cm.status, 'sent'), isNotNull(cm.bouncedAt)),
        ),
      ),
    )
    .innerJoin(campaigns, and(eq(campaigns.id, cm.campaignId), inArray(campaigns.status, ['sending', 'awaiting_responses'])))
    .innerJoin(messages, and(eq(messages.campaignMemberId, cm.id), eq(messages.channel, 'in_app'), isNull(messages.deliveredAt)))
    .where(
      and(
        eq(members.accountId, accountId),
        ne(members.status, 'cancelled'),
        or(isNull(campaigns.deadlineAt), gt(campaigns.deadlineAt, at)),
        notExists(db.select({ one: sql`1` }).from(suppressions).where(eq(suppressions.memberId, members.id))),
      ),
    )
    .orderBy(messages.id)
    .all();
}

/** An in-app message with its recipient, campaign and member state, for an acknowledgement. */
export function noticeForAck(db: Db, messageId: number) {
  return db
    .select({
      id: cm.id,
      status: cm.status,
      sentAt: cm.sentAt,
      bouncedAt: cm.bouncedAt,
      deliveredAt: messages.deliveredAt,
      campaignId: cm.campaignId,
      accountId: members.accountId,
      campaignStatus: campaigns.status,
      deadlineAt: campaigns.deadlineAt,
      memberStatus: members.status,
      suppressed: sql<number>`EXISTS (SELECT 1 FROM suppressions s WHERE s.member_id = ${members.id})`,
    })
    .from(messages)
    .innerJoin(cm, eq(cm.id, messages.campaignMemberId))
    .innerJoin(campaigns, eq(campaigns.id, cm.campaignId))
    .innerJoin(members, eq(members.id, cm.memberId))
    .where(and(eq(messages.id, messageId), eq(messages.channel, 'in_app')))
    .get();
}
