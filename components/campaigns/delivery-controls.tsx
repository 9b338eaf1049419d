'use client';
import { useActionState } from 'react';
import { pauseDelivery, resumeDelivery, retryFailedDelivery } from '@/app/(app)/campaigns/[id]/outbox/actions';
import { FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';

export function PauseResumeButton({ campaignId, status }: { campaignId: number; status: string }) {
  const paused = status === 'paused';
  const [state, action, pending] = useActionState(paused ? resumeDelivery : pauseDelivery, initialState);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="campaignId" value={campaignId} />
      <SubmitButton pending={pending} variant={paused ? 'primary' : 'secondary'}>
        {paused ? 'Resume sending' : 'Pause sending'}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function RetryFailedForm({
  campaignId,
  failed,
  interrupted,
}: {
  campaignId: number;
  failed: number;
  interrupted: number;
}) {
  const [state, action, pending] = useActionState(retryFailedDelivery, initialState);
  return (
    <form action={action} className="mt-3 grid gap-2">
      <input type="hidden" name="campaignId" value={campaignId} />
      {failed > 0 && interrupted > 0 ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="includeInterrupted" className="mt-1" />
          <span>
            Also retry the {interrupted} interrupted send{interrupted === 1 ? '' : 's'} (the sender stopped mid-send: the member
            may already have received it, so a retry can deliver a second copy)
          </span>
        </label>
      ) : null}
      {failed > 0 ? (
        <div>
          <SubmitButton pending={pending} variant="secondary">
            Retry failed messages
          </SubmitButton>
        </div>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}
