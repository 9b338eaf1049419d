import 'server-only';
import { and, eq, inArray, notExists, or } from 'drizzle-orm';
import { INTERRUPTED_REASON, NOT_SENT_BY_DEADLINE_REASON, NOTICE_EXPIRED_REASON } from './delivery';
import { expireNoticesSql, failExpiredLeasesSql, failQueuedOfClosedSql } from './delivery.sql';
import { campaignMembers, campaigns } from './schema';
import type { Tx, UnitOfWork } from './unit-of-work';

// The sender's housekeeping over whole campaigns: interrupted sends, recipients a campaign's end
// left unreached, and campaigns with nothing left to send. Each runs in the caller's unit of work.

const cm = campaignMembers;

/** Campaigns whose leases the recovery looks at: the live ones. */
function liveCampaignIds(tx: Tx): number[] {
  return tx.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(inArray(campaigns.status, ['sending', 'paused', 'awaiting_responses']))
    .all()
    .map((r) => r.id);
}

/** Campaigns in 'sending' with nothing queued and no email in flight. */
function sendingDoneCampaignIds(tx: Tx): number[] {
  const left = tx.db
    .select({ id: cm.id })
    .from(cm)
    .where(
      and(eq(cm.campaignId, campaigns.id), or(eq(cm.status, 'queued'), and(eq(cm.status, 'sending'), eq(cm.channel, 'email')))),
    );
  return tx.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.status, 'sending'), notExists(left)))
    .all()
    .map((r) => r.id);
}

/**
 * Email recipients left 'sending' past their lease belong to a sender that died mid-send. Whether
 * the SMTP server accepted the message is unknown, so they are failed as interrupted (a person may
 * retry them, knowingly) rather than re-sent. Returns how many; audited per campaign.
 */
export function recoverInterrupted(uow: UnitOfWork): number {
  let total = 0;
  for (const id of liveCampaignIds(uow.tx)) {
    const n = failExpiredLeasesSql(uow.tx.sqlite, id, uow.now, INTERRUPTED_REASON);
    if (!n) continue;
    uow.audit({
      action: 'delivery.interrupted',
      entityType: 'campaign',
      entityId: id,
      after: { recipients: n, reason: INTERRUPTED_REASON },
    });
    total += n;
  }
  return total;
}

/**
 * Recipients whose campaign ended before they were reached are failed with that reason, never
 * left dangling: in-app notices nobody acknowledged by the deadline, and anything still queued
 * (paused too long, or retries still pending) when the campaign closed.
 */
export function expireUnsent(tx: Tx, at: number): number {
  return expireNoticesSql(tx.sqlite, at, NOTICE_EXPIRED_REASON) + failQueuedOfClosedSql(tx.sqlite, NOT_SENT_BY_DEADLINE_REASON);
}

/**
 * A campaign in 'sending' with no email left queued or in flight moves to 'awaiting_responses'
 * (in-app notices stay fetchable until the deadline; an acknowledgement still counts as sent).
 */
export function finishSentCampaigns(uow: UnitOfWork): number[] {
  const done = sendingDoneCampaignIds(uow.tx);
  for (const id of done) {
    uow.tx.db
      .update(campaigns)
      .set({ status: 'awaiting_responses', updatedAt: uow.now })
      .where(and(eq(campaigns.id, id), eq(campaigns.status, 'sending')))
      .run();
    uow.audit({
      action: 'campaign.sending_finished',
      entityType: 'campaign',
      entityId: id,
      before: { status: 'sending' },
      after: { status: 'awaiting_responses' },
    });
  }
  return done;
}
