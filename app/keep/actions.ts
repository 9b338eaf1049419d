'use server';
import { z } from 'zod';
import { getSqlite } from '@/db/client';
import { confirmKeep } from '@/lib/campaigns/keep';
import { verifyKeepToken } from '@/lib/keep/keep-token';
import { defineAction } from '@/lib/runtime/action';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';

// The member's "Keep my membership" button: public (the signed token is the credential), POST only.
export const confirmKeepAction = defineAction({
  name: 'keep.confirm',
  permission: 'public',
  schema: z.object({ token: z.string().trim().min(1).max(200) }),
  run({ token }) {
    const at = now();
    const v = verifyKeepToken(token, config().KEEP_LINK_SECRET, at);
    const { view, confirmed } = confirmKeep(getSqlite(), v.ok ? v : null, at);
    return { message: confirmed ? 'confirmed' : view.state, data: { state: confirmed ? 'confirmed' : view.state } };
  },
});
