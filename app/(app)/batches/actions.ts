'use server';
import { z } from 'zod';
import { decideBatch, EXCLUSION_REASONS, excludeMember, executeBatch, submitBatch } from '@/db/batches';
import { getSqlite } from '@/db/client';
import { rejoinMember } from '@/db/rejoins';
import { eraseMember, purgeExpired } from '@/db/retention';
import { Refusal } from '@/lib/domain/refusal';
import { defineAction } from '@/lib/runtime/action';
import { now } from '@/lib/runtime/clock';

// Every batch, rejoin and retention mutation. A step that moves the batch on (submit, decide,
// execute) redirects to the batch page with ?done=<step>, which shows the outcome: the form that
// sent it is no longer on the page.
// The data layer runs each in one IMMEDIATE
// transaction with its audit entry; its refusals become UserErrors (shown as is, nothing changed).

const batchId = z.coerce.number().int().positive('Choose a batch.');
const memberId = z.coerce.number().int().positive('Choose a member.');

function refusalsAsUserErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Refusal) throw new Refusal(err.message);
    throw err;
  }
}

const actorOf = (staff: { id: number; email: string } | null) => {
  if (!staff) throw new Refusal('Your session has ended. Sign in again.');
  return { id: staff.id, label: staff.email };
};
const batchPaths = (id: number) => ['/batches', `/batches/${id}`, '/'];

export const submitBatchAction = defineAction({
  name: 'batches.submit',
  permission: 'batches.submit',
  schema: z.object({ batchId }),
  run({ batchId }, { staff }) {
    refusalsAsUserErrors(() => submitBatch(getSqlite(), batchId, actorOf(staff), now()));
    return {
      message: 'Submitted for approval. Another approver must now decide it.',
      revalidate: batchPaths(batchId),
      redirectTo: `/batches/${batchId}?done=submitted`,
    };
  },
});

export const excludeMemberAction = defineAction({
  name: 'batches.exclude',
  permission: 'batches.decide',
  schema: z.object({
    batchId,
    accountId: z.string().trim().min(1, 'Enter the member’s account id.').max(100),
    reason: z.enum(Object.keys(EXCLUSION_REASONS) as [keyof typeof EXCLUSION_REASONS], { error: 'Choose a reason.' }),
    note: z.string().trim().max(500, 'Keep the note under 500 characters.').default(''),
  }),
  run({ batchId, accountId, reason, note }, { staff }) {
    refusalsAsUserErrors(() => excludeMember(getSqlite(), batchId, accountId, reason, note, actorOf(staff), now()));
    return { message: `Member ${accountId} excluded from this batch.`, revalidate: batchPaths(batchId) };
  },
});

export const approveBatchAction = defineAction({
  name: 'batches.approve',
  permission: 'batches.decide',
  schema: z.object({ batchId, comment: z.string().trim().min(1, 'Write a comment to approve.').max(2000) }),
  run({ batchId, comment }, { staff }) {
    refusalsAsUserErrors(() => decideBatch(getSqlite(), batchId, 'approve', comment, actorOf(staff), now()));
    return {
      message: 'Batch approved. It can now be executed.',
      revalidate: batchPaths(batchId),
      redirectTo: `/batches/${batchId}?done=approved`,
    };
  },
});

export const rejectBatchAction = defineAction({
  name: 'batches.reject',
  permission: 'batches.decide',
  schema: z.object({ batchId, reason: z.string().trim().min(1, 'Write the reason for rejecting.').max(2000) }),
  run({ batchId, reason }, { staff }) {
    refusalsAsUserErrors(() => decideBatch(getSqlite(), batchId, 'reject', reason, actorOf(staff), now()));
    return {
      message: 'Batch rejected. Nobody in it will be cancelled.',
      revalidate: batchPaths(batchId),
      redirectTo: `/batches/${batchId}?done=rejected`,
    };
  },
});

export const executeBatchAction = defineAction({
  name: 'batches.execute',
  permission: 'batches.execute',
  schema: z.object({ batchId }),
  run({ batchId }, { staff }) {
    const r = refusalsAsUserErrors(() => executeBatch(getSqlite(), batchId, actorOf(staff), now()));
    return {
      message: `Executed: ${r.cancelled.toLocaleString('en-US')} cancelled, ${r.skipped.toLocaleString('en-US')} skipped (reasons below).`,
      revalidate: batchPaths(batchId),
      // The execute form leaves the page once the batch is executed: the page shows the outcome.
      redirectTo: `/batches/${batchId}?done=executed`,
    };
  },
});

export const purgeAction = defineAction({
  name: 'retention.purge',
  permission: 'retention.purge',
  schema: z.object({}),
  run(_input, { staff }) {
    const { purged } = purgeExpired(getSqlite(), now(), actorOf(staff));
    return {
      message: `Anonymised ${purged.toLocaleString('en-US')} member(s) whose retention window had ended.`,
      revalidate: ['/batches'],
    };
  },
});

export const rejoinAction = defineAction({
  name: 'members.rejoin',
  permission: 'members.rejoin',
  schema: z.object({ memberId }),
  run({ memberId }, { staff }) {
    const at = now();
    const r = refusalsAsUserErrors(() =>
      rejoinMember(getSqlite(), { memberId }, { rejoinedAt: at, at, source: 'cx', actor: actorOf(staff) }),
    );
    return {
      message: r.alreadyRejoined ? 'This member had already rejoined.' : 'Membership restored with its history.',
      revalidate: [`/members/${memberId}`],
    };
  },
});

export const eraseAction = defineAction({
  name: 'members.erase',
  permission: 'members.erase',
  schema: z.object({
    memberId,
    confirm: z.literal('yes', { error: 'Tick the box to confirm the member asked for erasure.' }),
  }),
  run({ memberId }, { staff }) {
    refusalsAsUserErrors(() => eraseMember(getSqlite(), memberId, now(), actorOf(staff)));
    return { message: 'Personal data erased (email and name). Counts are kept.', revalidate: [`/members/${memberId}`] };
  },
});
