'use client';
import { useActionState } from 'react';
import { inviteBackAction } from '@/app/(app)/catalogue/actions';
import { FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';

/** Builds the season's win-back draft in one step; the action opens it for review. */
export function InviteBackButton({ titleId, series, season }: { titleId: number; series: string; season: number }) {
  const [state, action, pending] = useActionState(inviteBackAction, initialState);
  return (
    <form action={action} className="inline-grid justify-items-end gap-1">
      <input type="hidden" name="titleId" value={titleId} />
      <SubmitButton pending={pending} variant="secondary">
        Invite back for {series} season {season}
      </SubmitButton>
      {state.message && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
