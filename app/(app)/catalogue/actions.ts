'use server';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { createNextSeasonDraft } from '@/lib/campaigns/next-season';
import { defineAction } from '@/lib/runtime/action';

// "Invite back for <series> season N": campaigns.edit, one unit of work with the draft's audit entry.

export const inviteBackAction = defineAction({
  name: 'catalogue.inviteBack',
  permission: 'campaigns.edit',
  schema: z.object({ titleId: z.coerce.number().int().positive() }),
  execute({ titleId }, uow) {
    const id = createNextSeasonDraft(uow, titleId, randomInt(0, 2 ** 32));
    return { message: 'Draft created.', data: { id }, redirectTo: `/campaigns/${id}`, revalidate: ['/campaigns'] };
  },
});
