'use client';
import { useActionState } from 'react';
import { runCycleJobNow } from '@/app/(app)/operations/actions';
import { FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';

/** "Run now" for one job of the daily cycle (admin); disabled while that job runs. */
export function RunNowButton({ job, label, busy }: { job: string; label: string; busy: boolean }) {
  const [state, action, pending] = useActionState(runCycleJobNow, initialState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="job" value={job} />
      <SubmitButton pending={pending || busy} variant="secondary">
        <span className="sr-only">{`${label}: `}</span>
        {busy ? 'Running…' : 'Run now'}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
