'use client';
import { useActionState } from 'react';
import {
  approveBatchAction,
  excludeMemberAction,
  executeBatchAction,
  purgeAction,
  rejectBatchAction,
  submitBatchAction,
} from '@/app/(app)/batches/actions';
import { FieldError, FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';

const input = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm';
const label = 'block text-sm font-medium';

export function SubmitBatchForm({ batchId }: { batchId: number }) {
  const [state, action, pending] = useActionState(submitBatchAction, initialState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="batchId" value={batchId} />
      <p className="text-sm text-slate-600">
        You have reviewed the list. Submitting makes you its proposer; another approver decides.
      </p>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>Submit for approval</SubmitButton>
    </form>
  );
}

export function ExcludeMemberForm({ batchId }: { batchId: number }) {
  const [state, action, pending] = useActionState(excludeMemberAction, initialState);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="batchId" value={batchId} />
      <div>
        <label htmlFor="exclude-account" className={label}>
          Account id to exclude
        </label>
        <input id="exclude-account" name="accountId" className={input} aria-describedby="exclude-account-error" />
        <FieldError id="exclude-account-error" errors={state.fieldErrors?.accountId} />
      </div>
      <div>
        <label htmlFor="exclude-reason" className={label}>
          Reason
        </label>
        <select id="exclude-reason" name="reason" className={input} defaultValue="" aria-describedby="exclude-reason-error">
          <option value="" disabled>
            Choose…
          </option>
          <option value="vip">VIP</option>
          <option value="open_complaint">Open complaint</option>
          <option value="error">Error</option>
        </select>
        <FieldError id="exclude-reason-error" errors={state.fieldErrors?.reason} />
      </div>
      <div>
        <label htmlFor="exclude-note" className={label}>
          Note (optional)
        </label>
        <input id="exclude-note" name="note" className={input} />
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending} variant="secondary">
        Exclude member
      </SubmitButton>
    </form>
  );
}

/** Approve or reject; not rendered for the batch's proposer (the page says why instead). */
export function DecideBatchForms({ batchId }: { batchId: number }) {
  const [approveState, approve, approving] = useActionState(approveBatchAction, initialState);
  const [rejectState, reject, rejecting] = useActionState(rejectBatchAction, initialState);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <form action={approve} className="space-y-2" noValidate>
        <input type="hidden" name="batchId" value={batchId} />
        <label htmlFor="approve-comment" className={label}>
          Approval comment
        </label>
        <textarea id="approve-comment" name="comment" rows={2} className={input} aria-describedby="approve-comment-error" />
        <FieldError id="approve-comment-error" errors={approveState.fieldErrors?.comment} />
        <FormMessage state={approveState} />
        <SubmitButton pending={approving}>Approve batch</SubmitButton>
      </form>
      <form action={reject} className="space-y-2" noValidate>
        <input type="hidden" name="batchId" value={batchId} />
        <label htmlFor="reject-reason" className={label}>
          Reason for rejecting
        </label>
        <textarea id="reject-reason" name="reason" rows={2} className={input} aria-describedby="reject-reason-error" />
        <FieldError id="reject-reason-error" errors={rejectState.fieldErrors?.reason} />
        <FormMessage state={rejectState} />
        <SubmitButton pending={rejecting} variant="secondary">
          Reject batch
        </SubmitButton>
      </form>
    </div>
  );
}

export function ExecuteBatchForm({ batchId, members }: { batchId: number; members: number }) {
  const [state, action, pending] = useActionState(executeBatchAction, initialState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="batchId" value={batchId} />
      <p className="text-sm text-slate-600">
        Every member is checked again at execution (reached — the message delivered and not bounced —, still dormant, not
        confirmed, no view since the message, not excluded); only those who pass are cancelled, all in one transaction.
      </p>
      <FormMessage state={state} />
      {pending ? (
        <p role="status" className="text-sm font-medium text-violet-800">
          Checking and cancelling {members.toLocaleString('en-US')} members… this can take a few seconds.
        </p>
      ) : null}
      <SubmitButton pending={pending} variant="danger">
        Execute batch
      </SubmitButton>
    </form>
  );
}

export function PurgeForm({ due }: { due: number }) {
  const [state, action, pending] = useActionState(purgeAction, initialState);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <p className="text-sm text-slate-700">
        {due.toLocaleString('en-US')} cancelled member(s) are past their retention window and still hold personal data.
      </p>
      <SubmitButton pending={pending} variant="secondary">
        Run retention purge
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
