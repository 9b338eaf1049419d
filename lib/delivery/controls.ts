import { requeueFailed, resumeCampaignSending, switchCampaignStatus } from '@/db/delivery-control';
import { campaignForDelivery } from '@/db/delivery-reads';
import type { UnitOfWork } from '@/db/unit-of-work';
import { Refusal } from '@/lib/domain/refusal';
import type { CampaignStatus } from '@/lib/domain/values';

// Staff controls of a campaign's delivery: pause, resume, retry failed recipients. Each runs in
// the caller's unit of work with its audit entry, and refuses with nothing changed.

const STATUS_WORDS: Record<string, string> = {
  draft: 'a draft',
  scheduled: 'scheduled, not sending yet',
  sending: 'sending',
  paused: 'paused',
  awaiting_responses: 'finished sending',
  closed: 'closed',
  cancelled: 'cancelled',
};

function switchStatus(
  uow: UnitOfWork,
  campaignId: number,
  from: CampaignStatus,
  to: CampaignStatus,
  action: string,
  wrongStatus: (words: string) => string,
) {
  const c = campaignForDelivery(uow.tx.db, campaignId);
  if (!c) throw new Refusal('That campaign does not exist.');
  if (c.status !== from) throw new Refusal(wrongStatus(STATUS_WORDS[c.status] ?? c.status));
  switchCampaignStatus(uow.tx.db, campaignId, from, to, uow.now);
  uow.audit({ action, entityType: 'campaign', entityId: campaignId, before: { status: from }, after: { status: to } });
}

export function pauseSending(uow: UnitOfWork, campaignId: number) {
  switchStatus(
    uow,
    campaignId,
    'sending',
    'paused',
    'delivery.paused',
    (is) => `Only a campaign that is sending can be paused; this one is ${is}. Nothing was changed.`,
  );
}

export function resumeSending(uow: UnitOfWork, campaignId: number) {
  switchStatus(
    uow,
    campaignId,
    'paused',
    'sending',
    'delivery.resumed',
    (is) => `Only a paused campaign can be resumed; this one is ${is}. Nothing was changed.`,
  );
}

/**
 * Puts failed recipients back in the queue (attempts reset). Interrupted ones only when asked:
 * they may already have received the message. A campaign that had finished sending resumes.
 * Returns how many were queued again.
 */
export function retryFailed(uow: UnitOfWork, campaignId: number, includeInterrupted: boolean): number {
  const { tx, now } = uow;
  const c = campaignForDelivery(tx.db, campaignId);
  if (!c) throw new Refusal('That campaign does not exist.');
  if (!['sending', 'paused', 'awaiting_responses'].includes(c.status))
    throw new Refusal('Failed messages can be retried only while the campaign is sending, paused or awaiting responses.');
  if (c.deadlineAt != null && c.deadlineAt <= now)
    throw new Refusal(
      'The response deadline has passed, so retrying would send a message nobody can act on. Nothing was changed.',
    );
  const n = requeueFailed(tx.db, campaignId, includeInterrupted);
  if (!n)
    throw new Refusal(
      includeInterrupted
        ? 'There are no failed messages to retry.'
        : 'There are no failed messages to retry (interrupted ones are retried only when you tick the box).',
    );
  if (c.status === 'awaiting_responses') resumeCampaignSending(tx.db, campaignId, now);
  uow.audit({
    action: 'delivery.retry_failed',
    entityType: 'campaign',
    entityId: campaignId,
    before: { status: c.status },
    after: { status: c.status === 'awaiting_responses' ? 'sending' : c.status, requeued: n, includeInterrupted },
  });
  return n;
}
