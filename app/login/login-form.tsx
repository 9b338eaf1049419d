'use client';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';
import { signIn } from './actions';

export function LoginForm() {
  const [state, action, pending] = useActionState(signIn, initialState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={state.values?.email}
          aria-describedby="email-error"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
        <FieldError id="email-error" errors={state.fieldErrors?.email} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-describedby="password-error"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
        <FieldError id="password-error" errors={state.fieldErrors?.password} />
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>Sign in</SubmitButton>
    </form>
  );
}
