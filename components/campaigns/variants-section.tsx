'use client';
import { useState } from 'react';
import { FieldError } from '@/components/forms/field-error';
import { CHANNEL_LABEL, CHANNELS, VARIANT_KEYS } from '@/lib/domain/campaigns/draft';
import type { CampaignFormValues } from '@/lib/domain/campaigns/form';
import { OFFER_LABEL, OFFERS } from '@/lib/domain/campaigns/message-vars';
import { TEMPLATE_VARIABLES } from '@/lib/domain/campaigns/template';
import { Field, type FieldErrors, inputClass, textOf } from './form-fields';
import { KnownLanguages, TranslationsEditor } from './translations-editor';

/** Part 2 of the campaign form: channel, holdout, and one to three variants of the message. */
export function VariantsSection({ values, fe }: { values: CampaignFormValues; fe: FieldErrors }) {
  const [variantCount, setVariantCount] = useState(Number(values.variantCount ?? 2));
  const v = (k: string) => textOf(values, k);
  return (
    <section aria-labelledby="msg-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="msg-h" className="text-lg font-semibold">
        2. Message, variants and holdout
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Variables: {TEMPLATE_VARIABLES.map((t) => `{{${t}}}`).join(' ')}. Everything is shown as text: HTML in a template or a
        name is escaped. Price, dates and numbers are written the way the member's language writes them.
      </p>
      <KnownLanguages />
      <div className="mt-3 grid gap-4 md:grid-cols-4">
        <Field id="defaultLanguage" label="Default language" errors={fe.defaultLanguage}>
          <input
            id="defaultLanguage"
            name="defaultLanguage"
            defaultValue={v('defaultLanguage') || 'en'}
            list="known-languages"
            className={inputClass}
            aria-describedby="defaultLanguage-error defaultLanguage-help"
          />
          <p id="defaultLanguage-help" className="mt-1 text-xs text-slate-500">
            The language of each variant's own subject and message; members whose language has no translation get it.
          </p>
        </Field>
        <Field id="channel" label="Channel" errors={fe.channel}>
          <select id="channel" name="channel" defaultValue={v('channel') || 'email'} className={inputClass}>
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
            className={inputClass}
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
            className={inputClass}
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
                <input id={`v${k}_name`} name={`v${k}_name`} defaultValue={v(`v${k}_name`)} className={inputClass} />
              </Field>
              <Field id={`v${k}_split`} label={`Variant ${k} split (% of non-holdout)`} errors={fe[`v${k}_split`]}>
                <input
                  id={`v${k}_split`}
                  name={`v${k}_split`}
                  type="number"
                  min={1}
                  max={100}
                  defaultValue={v(`v${k}_split`)}
                  className={inputClass}
                />
              </Field>
              <Field id={`v${k}_offer`} label={`Variant ${k} offer`} errors={fe[`v${k}_offer`]}>
                <select id={`v${k}_offer`} name={`v${k}_offer`} defaultValue={v(`v${k}_offer`) || 'none'} className={inputClass}>
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
                <input id={`v${k}_subject`} name={`v${k}_subject`} defaultValue={v(`v${k}_subject`)} className={inputClass} />
              </Field>
              <Field id={`v${k}_body`} label={`Variant ${k} message`} errors={fe[`v${k}_body`]}>
                <textarea
                  id={`v${k}_body`}
                  name={`v${k}_body`}
                  rows={6}
                  defaultValue={v(`v${k}_body`)}
                  className={`${inputClass} font-mono`}
                />
              </Field>
            </div>
            <TranslationsEditor variantKey={k} values={values} fe={fe} />
          </fieldset>
        ))}
      </div>
    </section>
  );
}
