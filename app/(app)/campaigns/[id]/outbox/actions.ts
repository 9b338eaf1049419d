'use server';
import { z } from 'zod';
import { getSqlite } from '@/db/client';
import { pauseSending, resumeSending, retryFailed } from '@/db/delivery';
import { Refusal } from '@/lib/domain/refusal';
import { defineAction } from '@/lib/runtime/action';
import { now } from '@/lib/runtime/clock';

// Delivery controls shown in the campaign page's delivery panel (components/campaigns/delivery-panel.tsx).

const campaign = z.object({ campaignId: z.coerce.number().int().positive('Choose a campaign.') });
const actorOf = (staff: { id: number; email: string } | null) => ({ id: staff?.id ?? null, label: staff?.email ?? 'unknown' });
const paths = (id: number) => [`/campaigns/${id}`, `/campaigns/${id}/outbox`];

const STATUS_WORDS: Record<string, string> = {
  draft: 'a draft',
  scheduled: 'scheduled, not sending yet',
  sending: 'sending',
  paused: 'paused',
  awaiting_responses: 'finished sending',
  closed: 'closed',
  cancelled: 'cancelled',
};

export const pauseDelivery = defineAction({
  name: 'delivery.pause',
  permission: 'campaigns.edit',
  schema: campaign,
  run({ campaignId }, { staff }) {
    const r = pauseSending(getSqlite(), campaignId, actorOf(staff), now());
    if (!r.ok)
      throw new Refusal(
        r.reason === 'not_found'
          ? 'That campaign does not exist.'
          : `Only a campaign that is sending can be paused; this one is ${STATUS_WORDS[r.status ?? ''] ?? r.status}. Nothing was changed.`,
      );
    return {
      message: 'Sending paused. Messages already handed to the server finish; nobody else is contacted until you resume.',
      revalidate: paths(campaignId),
    };
  },
});

export const resumeDelivery = defineAction({
  name: 'delivery.resume',
  permission: 'campaigns.edit',
  schema: campaign,
  run({ campaignId }, { staff }) {
    const r = resumeSending(getSqlite(), campaignId, actorOf(staff), now());
    if (!r.ok)
      throw new Refusal(
        r.reason === 'not_found'
          ? 'That campaign does not exist.'
          : `Only a paused campaign can be resumed; this one is ${STATUS_WORDS[r.status ?? ''] ?? r.status}. Nothing was changed.`,
      );
    return { message: 'Sending resumed.', revalidate: paths(campaignId) };
  },
});

export const retryFailedDelivery = defineAction({
  name: 'delivery.retryFailed',
  permission: 'campaigns.edit',
  schema: campaign.extend({
    includeInterrupted: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
  }),
  run({ campaignId, includeInterrupted }, { staff }) {
    const r = retryFailed(getSqlite(), campaignId, includeInterrupted, actorOf(staff), now());
    if (!r.ok)
      throw new Refusal(
        {
          not_found: 'That campaign does not exist.',
          wrong_status: 'Failed messages can be retried only while the campaign is sending, paused or awaiting responses.',
          past_deadline:
            'The response deadline has passed, so retrying would send a message nobody can act on. Nothing was changed.',
          none: includeInterrupted
            ? 'There are no failed messages to retry.'
            : 'There are no failed messages to retry (interrupted ones are retried only when you tick the box).',
        }[r.reason],
      );
    return {
      message: `${r.requeued} failed message${r.requeued === 1 ? '' : 's'} queued again.`,
      revalidate: paths(campaignId),
    };
  },
});
