'use client';
import { useActionState } from 'react';
import { eraseAction, rejoinAction } from '@/app/(app)/batches/actions';
import { FieldError, FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';

/** Stays mounted after a restore (canRestore turns false) so its outcome message stays on screen. */
export function RejoinMemberForm({ memberId, canRestore }: { memberId: number; canRestore: boolean }) {
  const [state, action, pending] = useActionState(rejoinAction, initialState);
  if (!canRestore && !state.message) return null;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="memberId" value={memberId} />
      {canRestore ? (
        <p className="text-sm text-slate-600">
          The member came back: restore the account with its history and count it as a rejoin.
        </p>
      ) : null}
      <FormMessage state={state} />
      {canRestore ? <SubmitButton pending={pending}>Restore membership</SubmitButton> : null}
    </form>
  );
}

/** Stays mounted after the erasure (erased turns true) so its outcome message stays on screen. */
export function EraseMemberForm({ memberId, erased }: { memberId: number; erased: boolean }) {
  const [state, action, pending] = useActionState(eraseAction, initialState);
  if (erased) return state.message ? <FormMessage state={state} /> : null;
  return (
    <form action={action} className="space-y-2 border-t border-slate-100 pt-4" noValidate>
      <input type="hidden" name="memberId" value={memberId} />
      <div className="flex items-start gap-2">
        <input
          id="erase-confirm"
          name="confirm"
          type="checkbox"
          value="yes"
          className="mt-1"
          aria-describedby="erase-confirm-error"
        />
        <label htmlFor="erase-confirm" className="text-sm">
          The member asked for their personal data to be erased (email, name and the messages sent to them are erased at once;
          counts are kept).
        </label>
      </div>
      <FieldError id="erase-confirm-error" errors={state.fieldErrors?.confirm} />
      <FormMessage state={state} />
      <SubmitButton pending={pending} variant="danger">
        Erase personal data
      </SubmitButton>
    </form>
  );
}
