'use client';
import { useRef, useState } from 'react';
import { MAX_TRANSLATIONS } from '@/lib/domain/campaigns/draft';
import type { CampaignFormValues } from '@/lib/domain/campaigns/form';
import { KNOWN_LANGUAGES } from '@/lib/domain/members/language';
import { Field, type FieldErrors, inputClass, textOf } from './form-fields';

type Block = { uid: number; language: string; subject: string; body: string };

/**
 * A variant's subject and body in other languages. Fields are named by position
 * (vA_t0_language…), so removing a block renumbers the rest; React keeps each block's typed
 * text by its own key.
 */
export function TranslationsEditor({
  variantKey: k,
  values,
  fe,
}: {
  variantKey: string;
  values: CampaignFormValues;
  fe: FieldErrors;
}) {
  const next = useRef(0);
  const [blocks, setBlocks] = useState<Block[]>(() =>
    Array.from({ length: Number(textOf(values, `v${k}_langCount`)) || 0 }, (_, i) => ({
      uid: next.current++,
      language: textOf(values, `v${k}_t${i}_language`),
      subject: textOf(values, `v${k}_t${i}_subject`),
      body: textOf(values, `v${k}_t${i}_body`),
    })),
  );
  return (
    <div className="mt-3 space-y-3">
      <input type="hidden" name={`v${k}_langCount`} value={blocks.length} />
      {blocks.map((b, i) => {
        const n = `v${k}_t${i}`;
        const label = `Variant ${k} translation ${i + 1}`;
        return (
          <fieldset key={b.uid} className="rounded-md border border-dashed border-slate-300 p-3">
            <legend className="px-1 text-xs font-semibold text-slate-600">{label}</legend>
            <div className="grid gap-3 md:grid-cols-[12rem_1fr]">
              <Field id={`${n}_language`} label={`${label} language`} errors={fe[`${n}_language`]}>
                <input
                  id={`${n}_language`}
                  name={`${n}_language`}
                  defaultValue={b.language}
                  list="known-languages"
                  placeholder="fr, de, pt-BR…"
                  className={inputClass}
                />
              </Field>
              <Field id={`${n}_subject`} label={`${label} subject`} errors={fe[`${n}_subject`]}>
                <input id={`${n}_subject`} name={`${n}_subject`} defaultValue={b.subject} className={inputClass} />
              </Field>
            </div>
            <Field id={`${n}_body`} label={`${label} message`} errors={fe[`${n}_body`]}>
              <textarea
                id={`${n}_body`}
                name={`${n}_body`}
                rows={5}
                defaultValue={b.body}
                className={`${inputClass} font-mono`}
              />
            </Field>
            <button
              type="button"
              onClick={() => setBlocks((bs) => bs.filter((x) => x.uid !== b.uid))}
              className="mt-2 text-sm text-red-700 hover:underline"
            >
              Remove {label.toLowerCase()}
            </button>
          </fieldset>
        );
      })}
      {blocks.length < MAX_TRANSLATIONS ? (
        <button
          type="button"
          onClick={() => setBlocks((bs) => [...bs, { uid: next.current++, language: '', subject: '', body: '' }])}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
        >
          Add a language to variant {k}
        </button>
      ) : null}
    </div>
  );
}

/** Suggestions for the language fields (any BCP 47 tag is accepted). */
export function KnownLanguages() {
  return (
    <datalist id="known-languages">
      {KNOWN_LANGUAGES.map((l) => (
        <option key={l} value={l} />
      ))}
    </datalist>
  );
}
