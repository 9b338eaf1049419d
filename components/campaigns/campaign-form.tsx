'use client';
import { startTransition, useActionState, useCallback, useEffect, useRef, useState } from 'react';
import { FieldError, FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';
import { CHANNEL_LABEL, CHANNELS, VARIANT_KEYS } from '@/lib/domain/campaigns/draft';
import type { CampaignFormValues } from '@/lib/domain/campaigns/form';
import { OFFER_LABEL, OFFERS } from '@/lib/domain/campaigns/message-vars';
import { TEMPLATE_VARIABLES } from '@/lib/domain/campaigns/template';
import type { ActionState } from '@/lib/runtime/action';

// biome-ignore lint/suspicious/noExplicitAny: the actions passed in differ only in their result data type
type Action = (prev: ActionState<any>, fd: FormData) => Promise<ActionState<any>>;
type CountAction = (prev: undefined, fd: FormData) => Promise<ActionState<{ count: number }>>;

const input = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm';
const REASONS = [
  ['never_watched', 'Never watched'],
  ['inactive', 'Inactive (watched before)'],
] as const;

function Field({ id, label, errors, children }: { id: string; label: string; errors?: string[]; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

function Checks({
  legend,
  name,
  options,
  values,
  errors,
}: {
  legend: string;
  name: string;
  options: readonly (readonly [string, string])[];
  values: string[];
  errors?: string[];
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      <p className="text-xs text-slate-500">None ticked = any.</p>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map(([v, label]) => (
          <label key={v} className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" name={`${name}[]`} value={v} defaultChecked={values.includes(v)} />
            {label}
          </label>
        ))}
      </div>
      <FieldError id={`${name}-error`} errors={errors} />
    </fieldset>
  );
}

export function CampaignForm({
  action,
  countAction,
  values,
  options,
  campaignId,
  initialCount,
  submitLabel,
}: {
  action: Action;
  countAction: CountAction;
  values: CampaignFormValues;
  options: { countries: string[]; plans: string[]; currencies: string[] };
  campaignId?: number;
  initialCount: number | null;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialState);
  const [variantCount, setVariantCount] = useState(Number(values.variantCount ?? 2));
  const [count, setCount] = useState<{ n: number | null; busy: boolean; error?: string }>({ n: initialCount, busy: false });
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const fe = state.fieldErrors ?? {};
  const v = (k: string) => (Array.isArray(values[k]) ? '' : ((values[k] as string | undefined) ?? ''));
  const list = (k: string) => (Array.isArray(values[k]) ? (values[k] as string[]) : []);

  const recount = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      if (!formRef.current) return;
      setCount((c) => ({ ...c, busy: true }));
      const r = await countAction(undefined, new FormData(formRef.current));
      setCount(r.ok && r.data ? { n: r.data.count, busy: false } : { n: null, busy: false, error: r.message });
    }, 250);
  }, [countAction]);
  useEffect(() => () => clearTimeout(timer.current), []);

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
      onChange={(e) => {
        const name = (e.target as unknown as HTMLInputElement).name ?? '';
        if (/^(countries|plans|reasons)\[\]$|^(minMonthsDormant|priceCurrency|minPrice|maxPrice)$/.test(name)) recount();
      }}
    >
      {campaignId ? <input type="hidden" name="id" value={campaignId} /> : null}
      <section aria-labelledby="seg-h" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="seg-h" className="text-lg font-semibold">
          1. Segment
        </h2>
        <div className="mt-3 grid gap-4 md:grid-cols-2">
          <Field id="name" label="Campaign name" errors={fe.name}>
            <input id="name" name="name" defaultValue={v('name')} className={input} aria-describedby="name-error" />
          </Field>
          <div
            role="status"
            aria-live="polite"
            className="self-end rounded-md bg-brand-50 px-4 py-3 text-brand-700"
            data-testid="segment-count"
          >
            {count.error ? (
              <span className="text-red-700">{count.error}</span>
            ) : count.n == null ? (
              'Counting…'
            ) : (
              <>
                <span className="text-2xl font-semibold">{count.n.toLocaleString('en')}</span>{' '}
                {count.n === 1 ? 'member matches' : 'members match'}
                {count.busy ? ' (updating…)' : ''}
              </>
            )}
            <p className="text-xs text-slate-600">
              Dormant under the current policy; suppressed members and members in a running campaign left out.
            </p>
          </div>
          <Checks
            legend="Countries"
            name="countries"
            options={options.countries.map((c) => [c, c] as const)}
            values={list('countries')}
            errors={fe.countries}
          />
          <Checks
            legend="Plans"
            name="plans"
            options={options.plans.map((p) => [p, p] as const)}
            values={list('plans')}
            errors={fe.plans}
          />
          <Checks legend="Dormancy reason" name="reasons" options={REASONS} values={list('reasons')} errors={fe.reasons} />
          <Field id="minMonthsDormant" label="Dormant for at least (months)" errors={fe.minMonthsDormant}>
            <input
              id="minMonthsDormant"
              name="minMonthsDormant"
              type="number"
              min={0}
              defaultValue={v('minMonthsDormant')}
              className={input}
              aria-describedby="minMonthsDormant-error"
            />
          </Field>
          <fieldset className="md:col-span-2">
            <legend className="text-sm font-medium">Monthly price</legend>
            <div className="mt-1 grid grid-cols-3 gap-3">
              <Field id="priceCurrency" label="Currency" errors={fe.priceCurrency}>
                <select id="priceCurrency" name="priceCurrency" defaultValue={v('priceCurrency')} className={input}>
                  <option value="">Any price</option>
                  {options.currencies.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </Field>
              <Field id="minPrice" label="From" errors={fe.minPrice}>
                <input id="minPrice" name="minPrice" inputMode="decimal" defaultValue={v('minPrice')} className={input} />
              </Field>
              <Field id="maxPrice" label="To" errors={fe.maxPrice}>
                <input id="maxPrice" name="maxPrice" inputMode="decimal" defaultValue={v('maxPrice')} className={input} />
              </Field>
            </div>
          </fieldset>
        </div>
      </section>

      <section aria-labelledby="msg-h" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="msg-h" className="text-lg font-semibold">
          2. Message, variants and holdout
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Variables: {TEMPLATE_VARIABLES.map((t) => `{{${t}}}`).join(' ')}. Everything is shown as text: HTML in a template or a
          name is escaped.
        </p>
        <div className="mt-3 grid gap-4 md:grid-cols-3">
          <Field id="channel" label="Channel" errors={fe.channel}>
            <select id="channel" name="channel" defaultValue={v('channel') || 'email'} className={input}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABEL[c]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="holdoutPct" label="Holdout (%)" errors={fe.holdoutPct}>
            <input
              id="holdoutPct"
              name="holdoutPct"
              type="number"
              min={0}
              max={50}
              defaultValue={v('holdoutPct') || '10'}
              className={input}
              aria-describedby="holdoutPct-error holdout-help"
            />
            <p id="holdout-help" className="mt-1 text-xs text-slate-500">
              Receives nothing and is measured the same way (0–50%).
            </p>
          </Field>
          <Field id="variantCount" label="Number of variants">
            <select
              id="variantCount"
              name="variantCount"
              value={variantCount}
              onChange={(e) => setVariantCount(Number(e.target.value))}
              className={input}
            >
              {[1, 2, 3].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </Field>
        </div>
        <FieldError id="splits-error" errors={fe.splits} />
        <div className="mt-4 space-y-4">
          {VARIANT_KEYS.slice(0, variantCount).map((k) => (
            <fieldset key={k} className="rounded-md border border-slate-200 p-4">
              <legend className="px-1 text-sm font-semibold">Variant {k}</legend>
              <div className="grid gap-3 md:grid-cols-3">
                <Field id={`v${k}_name`} label={`Variant ${k} name`} errors={fe[`v${k}_name`]}>
                  <input id={`v${k}_name`} name={`v${k}_name`} defaultValue={v(`v${k}_name`)} className={input} />
                </Field>
                <Field id={`v${k}_split`} label={`Variant ${k} split (% of non-holdout)`} errors={fe[`v${k}_split`]}>
                  <input
                    id={`v${k}_split`}
                    name={`v${k}_split`}
                    type="number"
                    min={1}
                    max={100}
                    defaultValue={v(`v${k}_split`)}
                    className={input}
                  />
                </Field>
                <Field id={`v${k}_offer`} label={`Variant ${k} offer`} errors={fe[`v${k}_offer`]}>
                  <select id={`v${k}_offer`} name={`v${k}_offer`} defaultValue={v(`v${k}_offer`) || 'none'} className={input}>
                    {OFFERS.map((o) => (
                      <option key={o} value={o}>
                        {OFFER_LABEL[o]}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
              <div className="mt-3 space-y-3">
                <Field id={`v${k}_subject`} label={`Variant ${k} subject`} errors={fe[`v${k}_subject`]}>
                  <input id={`v${k}_subject`} name={`v${k}_subject`} defaultValue={v(`v${k}_subject`)} className={input} />
                </Field>
                <Field id={`v${k}_body`} label={`Variant ${k} message`} errors={fe[`v${k}_body`]}>
                  <textarea
                    id={`v${k}_body`}
                    name={`v${k}_body`}
                    rows={6}
                    defaultValue={v(`v${k}_body`)}
                    className={`${input} font-mono`}
                  />
                </Field>
              </div>
            </fieldset>
          ))}
        </div>
      </section>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
