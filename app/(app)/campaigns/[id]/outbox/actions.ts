'use server';
import { z } from 'zod';
import { pauseSending, resumeSending, retryFailed } from '@/lib/delivery/controls';
import { defineAction } from '@/lib/runtime/action';

// Delivery controls shown in the campaign page's delivery panel (components/campaigns/delivery-panel.tsx).

const campaign = z.object({ campaignId: z.coerce.number().int().positive('Choose a campaign.') });
const paths = (id: number) => [`/campaigns/${id}`, `/campaigns/${id}/outbox`];

export const pauseDelivery = defineAction({
  name: 'delivery.pause',
  permission: 'campaigns.edit',
  schema: campaign,
  execute({ campaignId }, uow) {
    pauseSending(uow, campaignId);
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
  execute({ campaignId }, uow) {
    resumeSending(uow, campaignId);
    return { message: 'Sending resumed.', revalidate: paths(campaignId) };
  },
});

export const retryFailedDelivery = defineAction({
  name: 'delivery.retryFailed',
  permission: 'campaigns.edit',
  schema: campaign.extend({
    includeInterrupted: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
  }),
  execute({ campaignId, includeInterrupted }, uow) {
    const requeued = retryFailed(uow, campaignId, includeInterrupted);
    return {
      message: `${requeued} failed message${requeued === 1 ? '' : 's'} queued again.`,
      revalidate: paths(campaignId),
    };
  },
});
