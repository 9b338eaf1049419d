'use client';
import { useActionState } from 'react';
import { createStaff } from '@/app/(app)/staff/actions';
import { FieldError, FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';
import { RoleOptions } from './role-options';

const input = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2';

export function AddStaffForm() {
  const [state, action, pending] = useActionState(createStaff, initialState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <div>
        <label htmlFor="new-name" className="block text-sm font-medium">
          Name
        </label>
        <input id="new-name" name="name" defaultValue={state.values?.name} className={input} aria-describedby="new-name-error" />
        <FieldError id="new-name-error" errors={state.fieldErrors?.name} />
      </div>
      <div>
        <label htmlFor="new-email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="new-email"
          name="email"
          type="email"
          defaultValue={state.values?.email}
          className={input}
          aria-describedby="new-email-error"
        />
        <FieldError id="new-email-error" errors={state.fieldErrors?.email} />
      </div>
      <div>
        <label htmlFor="new-role" className="block text-sm font-medium">
          Role
        </label>
        <select
          key={state.values?.role ?? 'initial'}
          id="new-role"
          name="role"
          className={input}
          defaultValue={state.values?.role ?? 'cx_manager'}
          aria-describedby="new-role-error"
        >
          <RoleOptions />
        </select>
        <FieldError id="new-role-error" errors={state.fieldErrors?.role} />
      </div>
      <div>
        <label htmlFor="new-password" className="block text-sm font-medium">
          Initial password
        </label>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          className={input}
          aria-describedby="new-password-error"
        />
        <FieldError id="new-password-error" errors={state.fieldErrors?.password} />
      </div>
      <FormMessage state={state} />
      <div>
        <SubmitButton pending={pending}>Add staff member</SubmitButton>
      </div>
    </form>
  );
}
