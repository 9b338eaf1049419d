import { getCampaign, markCancelled, markScheduled, markSending, queueCampaignMembers, responseDaysOf } from '@/db/campaigns';
import { currentPolicyRow, FREQUENCY_CAP_DAYS } from '@/db/segments';
import type { UnitOfWork } from '@/db/unit-of-work';
import { refuseUnlessDraft, SENT_STATUSES, scheduleTimes } from '@/lib/domain/campaigns/lifecycle';
import { Refusal } from '@/lib/domain/refusal';

// Scheduling (which queues every segment member), sending now and cancelling, each in the
// caller's unit of work with its audit entries.

const DAY_MS = 86_400_000;

export type ScheduleInput = { sendAt: number | null; deadlineAt: number | null };

/**
 * Schedules a draft: validates, queues every segment member (in the same transaction), records the
 * policy version, and sets 'scheduled' (or 'sending' at once when sendAt is now or unset). A second
 * call finds the campaign no longer a draft and changes nothing, so nobody is queued twice.
 */
export function scheduleCampaign(uow: UnitOfWork, id: number, input: ScheduleInput) {
  const { tx, now: at } = uow;
  const c = getCampaign(tx.sqlite, id);
  if (c && c.status !== 'draft' && c.status !== 'cancelled')
    return { changed: false as const, message: 'This campaign is already scheduled or sent: nothing was done again.' };
  refuseUnlessDraft(c, 'scheduled');
  const { sendAt, deadlineAt } = scheduleTimes(input, at);
  const policy = currentPolicyRow(tx.sqlite);
  const counts = queueCampaignMembers(tx.sqlite, id, at);
  if (counts.queued === 0 && counts.holdout === 0)
    throw new Refusal(
      counts.excluded
        ? `Every member of this segment is excluded (suppressed, contacted in the last ${FREQUENCY_CAP_DAYS} days, or no email), so nobody would be reached. Nothing was scheduled.`
        : 'No dormant member matches this segment any more. Nothing was scheduled.',
    );
  if (counts.queued === 0)
    throw new Refusal('Nobody would receive a message (everyone reachable fell in the holdout). Nothing was scheduled.');
  markScheduled(tx, id, { policyVersionId: policy.id, sendAt, deadlineAt, at });
  uow.audit({
    action: 'campaign.schedule',
    entityType: 'campaign',
    entityId: id,
    before: { status: 'draft' },
    after: { status: 'scheduled', policyVersionId: policy.id, sendAt, deadlineAt, ...counts },
  });
  if (sendAt <= at) startSending(uow, id);
  return { changed: true as const, message: '', counts };
}

/** scheduled → sending, fixing the deadline (explicit, or send start + the policy's response window). */
export function startSending(uow: UnitOfWork, id: number): boolean {
  const { tx, now: at } = uow;
  const c = getCampaign(tx.sqlite, id)!;
  const deadline = c.deadlineAt ?? at + (responseDaysOf(tx.sqlite, c.policyVersionId) ?? 30) * DAY_MS;
  if (!markSending(tx, id, at, deadline)) return false;
  uow.audit({
    action: 'campaign.start_sending',
    entityType: 'campaign',
    entityId: id,
    before: { status: 'scheduled' },
    after: { status: 'sending', sendStartedAt: at, deadlineAt: deadline },
  });
  return true;
}

/** "Send now" on a scheduled campaign. Idempotent: a second click finds it sending and does nothing. */
export function sendNow(uow: UnitOfWork, id: number) {
  const c = getCampaign(uow.tx.sqlite, id);
  if (!c) throw new Refusal('That campaign does not exist.');
  if (SENT_STATUSES.includes(c.status)) return { changed: false, message: 'Already sending: nothing was done again.' };
  if (c.status !== 'scheduled') throw new Refusal('Only a scheduled campaign can be sent. Schedule it first.');
  if (c.deadlineAt != null && c.deadlineAt <= uow.now)
    throw new Refusal('Its response deadline has passed. Cancel it and start a new campaign.');
  startSending(uow, id);
  return { changed: true, message: 'Sending started.' };
}

/** Draft or scheduled → cancelled (queued assignments stay for the record; nobody is messaged). */
export function cancelCampaign(uow: UnitOfWork, id: number) {
  const c = getCampaign(uow.tx.sqlite, id);
  if (!c) throw new Refusal('That campaign does not exist.');
  if (c.status === 'cancelled') throw new Refusal('This campaign is already cancelled.');
  if (c.status !== 'draft' && c.status !== 'scheduled')
    throw new Refusal('This campaign has already started sending, so it can no longer be cancelled. Nothing was changed.');
  markCancelled(uow.tx, id, c.status, uow.now);
  uow.audit({
    action: 'campaign.cancel',
    entityType: 'campaign',
    entityId: id,
    before: { status: c.status },
    after: { status: 'cancelled' },
  });
}
