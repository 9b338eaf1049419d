'use server';
import { z } from 'zod';
import type { GivenAnswer } from '@/db/keep';
import { KEEP_LINK_ACTOR } from '@/lib/campaigns/keep';
import { KEEP_ANSWERS, leaveReasonOf } from '@/lib/domain/keep/answers';
import { answerKeepLink, type KeepAnswer } from '@/lib/keep/keep-page';
import { defineAction } from '@/lib/runtime/action';

// The member's answer on the keep page: public (the signed token is the credential), POST only.
// The reason and note are never refused: an unknown reason is dropped, a long note is cut (at 500
// characters when stored; the bound here only stops a request far beyond any textarea).
export const confirmKeepAction = defineAction({
  name: 'keep.confirm',
  permission: 'public',
  actor: KEEP_LINK_ACTOR,
  schema: z.object({
    token: z.string().trim().min(1).max(200),
    answer: z.enum(KEEP_ANSWERS).default('keep'),
    reason: z.string().optional().transform(leaveReasonOf),
    note: z
      .string()
      .optional()
      .transform((s) => s?.slice(0, 2000)),
  }),
  execute({ token, answer, reason, note }, uow) {
    const { state, view } = answerKeepLink(uow, token, { kind: answer, reason, note });
    const data: { state: KeepAnswer; answer?: GivenAnswer; endsAt?: number } = { state };
    if ('endsAt' in view) Object.assign(data, { answer: view.answer, endsAt: view.endsAt });
    return { message: state, data };
  },
});
