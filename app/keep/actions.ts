'use server';
import { z } from 'zod';
import { KEEP_LINK_ACTOR } from '@/lib/campaigns/keep';
import { confirmKeepLink } from '@/lib/keep/keep-page';
import { defineAction } from '@/lib/runtime/action';

// The member's "Keep my membership" button: public (the signed token is the credential), POST only.
export const confirmKeepAction = defineAction({
  name: 'keep.confirm',
  permission: 'public',
  actor: KEEP_LINK_ACTOR,
  schema: z.object({ token: z.string().trim().min(1).max(200) }),
  execute({ token }, uow) {
    const state = confirmKeepLink(uow, token);
    return { message: state, data: { state } };
  },
});
