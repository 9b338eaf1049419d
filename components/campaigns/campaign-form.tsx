'use client';
import { type ReactNode, startTransition, useActionState, useRef } from 'react';
import { FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';
import type { CampaignFormValues } from '@/lib/domain/campaigns/form';
import type { ActionState } from '@/lib/runtime/action';
import { type SegmentOptions, SegmentSection } from './segment-section';
import { type CountAction, useSegmentCount } from './use-segment-count';
import { VariantsSection } from './variants-section';

// biome-ignore lint/suspicious/noExplicitAny: the actions passed in differ only in their result data type
type Action = (prev: ActionState<any>, fd: FormData) => Promise<ActionState<any>>;

/** The campaign draft form (new and edit): the segment with its live count, then the message variants. */
export function CampaignForm({
  action,
  countAction,
  values,
  options,
  campaignId,
  initialCount,
  submitLabel,
  extraFields,
}: {
  action: Action;
  countAction: CountAction;
  values: CampaignFormValues;
  options: SegmentOptions;
  campaignId?: number;
  initialCount: number | null;
  submitLabel: string;
  /** Fields shown before the submit button (the always-on choice on a new campaign). */
  extraFields?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, initialState);
  const formRef = useRef<HTMLFormElement>(null);
  const { count, onFieldChange } = useSegmentCount(countAction, initialCount, formRef);
  const fe = state.fieldErrors ?? {};

  return (
    <form
      ref={formRef}
      // Submitted by hand (not action=) so React does not reset the fields: a refused form keeps what was typed.
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        startTransition(() => formAction(fd));
      }}
      noValidate
      className="space-y-6"
      onChange={(e) => onFieldChange((e.target as unknown as HTMLInputElement).name ?? '')}
    >
      {campaignId ? <input type="hidden" name="id" value={campaignId} /> : null}
      <SegmentSection values={values} fe={fe} options={options} count={count} />
      <VariantsSection values={values} fe={fe} />
      {extraFields}
      <FormMessage state={state} />
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
