'use client';
import { useActionState, useState } from 'react';
import type { PreviewData } from '@/app/(app)/policy/actions';
import { previewPolicy, savePolicy } from '@/app/(app)/policy/actions';
import { FieldError, FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { ScrollRegion } from '@/components/ui/scroll-region';
import type { PolicyValues } from '@/lib/domain/dormancy';

const FIELDS: { name: keyof PolicyValues; label: string; help: string }[] = [
  {
    name: 'neverWatchedDays',
    label: 'Never watched: days after joining',
    help: 'Dormant when a member has watched nothing this many days after joining.',
  },
  {
    name: 'inactiveDays',
    label: 'Inactive: days since the last view',
    help: 'Dormant when the last view is this many days old.',
  },
  {
    name: 'responseDays',
    label: 'Response window after a last-chance message (days)',
    help: 'Cannot be longer than the inactivity threshold.',
  },
  {
    name: 'retentionDays',
    label: 'Data retention after cancellation (days)',
    help: 'A cancelled member can be restored within this window; then personal data is purged.',
  },
];

const fmt = (n: number) => n.toLocaleString('en');

export function PolicyForm({ defaults, fromUrl }: { defaults: PolicyValues; fromUrl: boolean }) {
  const [previewState, preview, previewing] = useActionState(previewPolicy, initialState);
  const [saveState, save, saving] = useActionState(savePolicy, initialState);
  const [last, setLast] = useState<'preview' | 'save'>('preview');
  const state = last === 'save' ? saveState : previewState;
  const data = previewState.ok ? (previewState.data as PreviewData | undefined) : undefined;
  const pending = previewing || saving;
  // Controlled, because React resets an uncontrolled form after each action: the typed values
  // would jump back to the saved ones after "Preview", and "Save" would then see no change.
  const [values, setValues] = useState(() => Object.fromEntries(FIELDS.map((f) => [f.name, String(defaults[f.name])])));
  const [note, setNote] = useState('');

  return (
    <form className="space-y-4" noValidate>
      {fromUrl ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Values prefilled from a scenario link. Preview them, then save to turn the scenario into a new version.
        </p>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <div key={f.name}>
            <label htmlFor={f.name} className="block text-sm font-medium">
              {f.label}
            </label>
            <input
              id={f.name}
              name={f.name}
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              value={values[f.name]}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
              aria-describedby={`${f.name}-help ${f.name}-error`}
              className="mt-1 w-40 rounded-md border border-slate-300 px-3 py-2"
            />
            <p id={`${f.name}-help`} className="mt-1 text-xs text-slate-500">
              {f.help}
            </p>
            <FieldError id={`${f.name}-error`} errors={state.fieldErrors?.[f.name]} />
          </div>
        ))}
      </div>
      <div>
        <label htmlFor="note" className="block text-sm font-medium">
          Why this change (optional, kept with the version)
        </label>
        <input
          id="note"
          name="note"
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          className="mt-1 w-full max-w-xl rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
      <FormMessage state={state} />
      {data ? <PreviewTable data={data} /> : null}
      <div className="flex gap-3">
        <button
          type="submit"
          formAction={preview}
          onClick={() => setLast('preview')}
          disabled={pending}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60"
        >
          {previewing ? 'Counting…' : 'Preview'}
        </button>
        <button
          type="submit"
          formAction={save}
          onClick={() => setLast('save')}
          disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {saving ? 'Saving…' : 'Save as new version'}
        </button>
      </div>
    </form>
  );
}

function PreviewTable({ data }: { data: PreviewData }) {
  const rows = [
    { label: 'Never watched', cur: data.current.neverWatched, next: data.proposed.neverWatched },
    { label: 'Inactive', cur: data.current.inactive, next: data.proposed.inactive },
    { label: 'Total dormant', cur: data.current.total, next: data.proposed.total },
  ];
  return (
    <ScrollRegion label="Dormant members today: current policy and these values" className="overflow-x-auto">
      <table className="min-w-[28rem] text-sm" aria-label="Dormant members today: current policy and these values">
        <caption className="mb-1 text-left text-xs text-slate-500">
          Members dormant on {new Date(data.asOf).toISOString().slice(0, 10)} (UTC), by reason
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th className="py-1 pr-4 font-medium">Reason</th>
            <th className="py-1 pr-4 text-right font-medium">Current policy</th>
            <th className="py-1 pr-4 text-right font-medium">These values</th>
            <th className="py-1 text-right font-medium">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className="border-b border-slate-100">
              <th scope="row" className="py-1 pr-4 text-left font-normal">
                {r.label}
              </th>
              <td className="py-1 pr-4 text-right tabular-nums">{fmt(r.cur)}</td>
              <td className="py-1 pr-4 text-right tabular-nums font-semibold">{fmt(r.next)}</td>
              <td className="py-1 text-right tabular-nums">
                {r.next - r.cur > 0 ? '+' : ''}
                {fmt(r.next - r.cur)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
