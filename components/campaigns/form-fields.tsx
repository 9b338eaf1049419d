import { FieldError } from '@/components/forms/field-error';
import type { CampaignFormValues } from '@/lib/domain/campaigns/form';

// The campaign form's building blocks: a labelled field with its error line, a group of checkboxes.

export const inputClass = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

export type FieldErrors = Record<string, string[] | undefined>;

/** A text field's submitted value ('' when missing or a list). */
export const textOf = (values: CampaignFormValues, k: string): string => {
  const x = values[k];
  return typeof x === 'string' ? x : '';
};

/** A checkbox group's submitted values ([] when missing or a single value). */
export const listOf = (values: CampaignFormValues, k: string): string[] => {
  const x = values[k];
  return Array.isArray(x) ? x : [];
};

export function Field({
  id,
  label,
  errors,
  children,
}: {
  id: string;
  label: string;
  errors?: string[];
  children: React.ReactNode;
}) {
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

export function Checks({
  legend,
  name,
  options,
  values,
  errors,
  hint = 'None ticked = any.',
}: {
  legend: string;
  name: string;
  options: readonly (readonly [string, string])[];
  values: string[];
  errors?: string[];
  hint?: string;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      <p className="text-xs text-slate-500">{hint}</p>
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
