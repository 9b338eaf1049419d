'use client';
import { useActionState } from 'react';
import { initialState } from '@/components/forms/initial-state';
import type { KeepAnswer } from '@/lib/keep/keep-page';
import type { ActionState } from '@/lib/runtime/action';
import { KeepMessage } from './keep-message';

/** What the keep action answers: the state to show the member (app/keep/actions.ts). */
type KeepState = ActionState<{ state: KeepAnswer }>;
type Action = (prev: KeepState, fd: FormData) => Promise<KeepState>;

/** The one button a member presses. POST only, so opening the link (or a mail scanner) confirms nothing. */
export function KeepForm({ action, token, firstName }: { action: Action; token: string; firstName: string }) {
  const [state, formAction, pending] = useActionState(action, initialState);
  const result = state.data?.state;
  if (result === 'confirmed') return <KeepMessage kind="confirmed" firstName={firstName} />;
  if (result) return <KeepMessage kind={result} firstName={firstName} />;
  return (
    <form action={formAction}>
      <input type="hidden" name="token" value={token} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-6 py-3 text-lg font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        Keep my membership
      </button>
      {!state.ok && state.message ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
