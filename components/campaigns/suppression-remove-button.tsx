'use client';
import { useActionState } from 'react';
import { removeFromSuppression } from '@/app/(app)/campaigns/suppression/actions';
import { FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';

export function SuppressionRemoveButton({ accountId }: { accountId: string }) {
  const [state, action, pending] = useActionState(removeFromSuppression, initialState);
  return (
    <form
      action={action}
      className="inline-grid justify-items-end gap-1"
      onSubmit={(e) => {
        if (!window.confirm(`Remove ${accountId} from the suppression list? Campaigns may contact this member again.`))
          e.preventDefault();
      }}
    >
      <input type="hidden" name="accountId" value={accountId} />
      <SubmitButton pending={pending} variant="secondary">
        Remove<span className="sr-only"> {accountId}</span>
      </SubmitButton>
      {state.message && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
