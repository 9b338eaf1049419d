'use server';
import { z } from 'zod';
import { getSqlite } from '@/db/client';
import { decideBatch, excludeMember, submitBatch } from '@/lib/batches/approval';
import { executeBatchInBackground } from '@/lib/batches/execute';
import { rejoinMember } from '@/lib/batches/rejoin';
import { eraseMember, purgeExpired } from '@/lib/batches/retention';
import { EXCLUSION_REASON_KEYS } from '@/lib/domain/batches/exclusions';
import { actorFor, defineAction } from '@/lib/runtime/action';
import { now } from '@/lib/runtime/clock';

// Every batch, rejoin and retention mutation. A step that moves the batch on (submit, decide,
// execute) redirects to the batch page with ?done=<step>, which shows the outcome: the form that
// sent it is no longer on the page. Each use case (lib/batches/) runs in the action's unit of
// work with its audit entry; its refusals are shown as is and change nothing.

const batchId = z.coerce.number().int().positive('Choose a batch.');
const memberId = z.coerce.number().int().positive('Choose a member.');

const batchPaths = (id: number) => ['/batches', `/batches/${id}`, '/'];

export const submitBatchAction = defineAction({
  name: 'batches.submit',
  permission: 'batches.submit',
  schema: z.object({ batchId }),
  execute({ batchId }, uow) {
    submitBatch(uow, batchId);
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
    reason: z.enum(EXCLUSION_REASON_KEYS, { error: 'Choose a reason.' }),
    note: z.string().trim().max(500, 'Keep the note under 500 characters.').default(''),
  }),
  execute({ batchId, accountId, reason, note }, uow) {
    excludeMember(uow, batchId, accountId, reason, note);
    return { message: `Member ${accountId} excluded from this batch.`, revalidate: batchPaths(batchId) };
  },
});

export const approveBatchAction = defineAction({
  name: 'batches.approve',
  permission: 'batches.decide',
  schema: z.object({ batchId, comment: z.string().trim().min(1, 'Write a comment to approve.').max(2000) }),
  execute({ batchId, comment }, uow) {
    decideBatch(uow, batchId, 'approve', comment);
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
  execute({ batchId, reason }, uow) {
    decideBatch(uow, batchId, 'reject', reason);
    return {
      message: 'Batch rejected. Nobody in it will be cancelled.',
      revalidate: batchPaths(batchId),
      redirectTo: `/batches/${batchId}?done=rejected`,
    };
  },
});

/**
 * The execution's three commits (lib/batches/execute.ts): the job row before the work, the work in
 * one BEGIN IMMEDIATE transaction with its audit entry, and the job's failure after a rollback, in
 * its own transaction; a big batch on a worker thread, so the server keeps answering meanwhile.
 */
export const executeBatchAction = defineAction({
  name: 'batches.execute',
  permission: 'batches.execute',
  schema: z.object({ batchId }),
  async run({ batchId }, { staff }) {
    const r = await executeBatchInBackground(getSqlite(), batchId, actorFor(staff), now());
    return {
      message: `Executed: ${r.cancelled.toLocaleString('en-US')} cancelled, ${r.skipped.toLocaleString('en-US')} skipped${r.skipped ? ' (reasons below)' : ''}.`,
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
  execute(_input, uow) {
    const { purged, messagesErased } = purgeExpired(uow);
    return {
      message: `Anonymised ${purged.toLocaleString('en-US')} member(s) whose retention window had ended, and erased ${messagesErased.toLocaleString('en-US')} message(s) sent to them.`,
      revalidate: ['/batches'],
    };
  },
});

export const rejoinAction = defineAction({
  name: 'members.rejoin',
  permission: 'members.rejoin',
  schema: z.object({ memberId }),
  execute({ memberId }, uow) {
    const r = rejoinMember(uow, { memberId }, { rejoinedAt: uow.now, source: 'cx' });
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
  execute({ memberId }, uow) {
    eraseMember(uow, memberId);
    return {
      message: 'Personal data erased (email, name and the messages sent to them). Counts are kept.',
      revalidate: [`/members/${memberId}`],
    };
  },
});
