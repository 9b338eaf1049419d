'use client';
import { useActionState } from 'react';
import { importSuppressionCsv } from '@/app/(app)/campaigns/suppression/actions';
import { FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';

export function SuppressionImportForm() {
  const [state, action, pending] = useActionState(importSuppressionCsv, initialState);
  const errors = state.fieldErrors?.file ?? [];
  return (
    <form action={action} className="grid gap-4" noValidate>
      <div>
        <label htmlFor="sup-file" className="block text-sm font-medium">
          CSV file
        </label>
        <input
          id="sup-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold hover:file:bg-slate-50"
          aria-describedby="sup-file-errors"
        />
        <div id="sup-file-errors" aria-live="polite">
          {errors.length ? (
            <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-red-700">
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
      <FormMessage
        state={
          state.ok
            ? state
            : { ok: false, message: errors.length ? 'Nothing was imported: fix the lines listed above.' : state.message }
        }
      />
      <div>
        <SubmitButton pending={pending}>Import CSV</SubmitButton>
      </div>
    </form>
  );
}
