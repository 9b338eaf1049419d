'use client';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';
import type { ActionState } from '@/lib/runtime/action';

// biome-ignore lint/suspicious/noExplicitAny: the actions passed in differ only in their result data type
type Action = (prev: ActionState<any>, fd: FormData) => Promise<ActionState<any>>;
const input = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

export function ScheduleForm({ action, campaignId, responseDays }: { action: Action; campaignId: number; responseDays: number }) {
  const [state, formAction, pending] = useActionState(action, initialState);
  const fe = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className="space-y-3">
      <input type="hidden" name="id" value={campaignId} />
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor="sendAt" className="block text-sm font-medium">
            Send at (UTC, optional)
          </label>
          <input id="sendAt" name="sendAt" type="datetime-local" className={input} aria-describedby="sendAt-error sendAt-help" />
          <p id="sendAt-help" className="mt-1 text-xs text-slate-500">
            Empty = queue and start sending now.
          </p>
          <FieldError id="sendAt-error" errors={fe.sendAt} />
        </div>
        <div>
          <label htmlFor="deadlineAt" className="block text-sm font-medium">
            Response deadline (UTC, optional)
          </label>
          <input
            id="deadlineAt"
            name="deadlineAt"
            type="datetime-local"
            className={input}
            aria-describedby="deadlineAt-error deadline-help"
          />
          <p id="deadline-help" className="mt-1 text-xs text-slate-500">
            Empty = send start + {responseDays} days (the policy&apos;s response window).
          </p>
          <FieldError id="deadlineAt-error" errors={fe.deadlineAt} />
        </div>
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>Schedule campaign</SubmitButton>
    </form>
  );
}

/** A one-button form (send now, cancel). */
export function CampaignButton({
  action,
  campaignId,
  label,
  variant = 'primary',
}: {
  action: Action;
  campaignId: number;
  label: string;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  const [state, formAction, pending] = useActionState(action, initialState);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={campaignId} />
      <SubmitButton pending={pending} variant={variant}>
        {label}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
