'use client';
import { useActionState } from 'react';
import { addToSuppression } from '@/app/(app)/campaigns/suppression/actions';
import { FieldError, FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';

const input = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2';

export function SuppressionAddForm() {
  const [state, action, pending] = useActionState(addToSuppression, initialState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <div>
        <label htmlFor="sup-account" className="block text-sm font-medium">
          Account id
        </label>
        <input
          id="sup-account"
          name="accountId"
          defaultValue={state.values?.accountId}
          className={input}
          aria-describedby="sup-account-error"
          autoComplete="off"
        />
        <FieldError id="sup-account-error" errors={state.fieldErrors?.accountId} />
      </div>
      <div>
        <label htmlFor="sup-reason" className="block text-sm font-medium">
          Reason
        </label>
        <input
          id="sup-reason"
          name="reason"
          defaultValue={state.values?.reason}
          placeholder="complaint, legal request…"
          className={input}
          aria-describedby="sup-reason-error"
        />
        <FieldError id="sup-reason-error" errors={state.fieldErrors?.reason} />
      </div>
      <FormMessage state={state} />
      <div>
        <SubmitButton pending={pending}>Add to suppression list</SubmitButton>
      </div>
    </form>
  );
}
