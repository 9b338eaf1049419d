import Link from 'next/link';
import type { AuditFilters } from '@/lib/domain/audit-filters';

const field = 'mt-1 rounded-md border border-slate-300 px-2 py-1.5';

function Choice({
  id,
  label,
  any,
  value,
  options,
}: {
  id: string;
  label: string;
  any: string;
  value?: string;
  options: string[];
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} name={id} defaultValue={value ?? ''} className={field}>
        <option value="">{any}</option>
        {options.map((a) => (
          <option key={a}>{a}</option>
        ))}
      </select>
    </div>
  );
}

/** The audit page's filters, sent as a GET form so every view has its own address. */
export function AuditFilterForm({
  filters,
  facets,
}: {
  filters: AuditFilters;
  facets: { actors: string[]; actions: string[]; entities: string[] };
}) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <Choice id="actor" label="Actor" any="Anyone" value={filters.actor} options={facets.actors} />
      <Choice id="action" label="Action" any="Any action" value={filters.action} options={facets.actions} />
      <Choice id="exclude" label="Leave out action" any="None" value={filters.exclude} options={facets.actions} />
      <Choice id="entity" label="Entity" any="Any entity" value={filters.entity} options={facets.entities} />
      <div>
        <label htmlFor="from" className="block text-sm font-medium">
          From (UTC)
        </label>
        <input id="from" name="from" type="date" defaultValue={filters.from} className={field} />
      </div>
      <div>
        <label htmlFor="to" className="block text-sm font-medium">
          To (UTC)
        </label>
        <input id="to" name="to" type="date" defaultValue={filters.to} className={field} />
      </div>
      <div className="flex items-center gap-2 pb-2">
        <input id="each" name="each" type="checkbox" value="1" defaultChecked={filters.each === '1'} />
        <label htmlFor="each" className="text-sm">
          Every entry (no per-minute summary of API and system writes)
        </label>
      </div>
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Filter
      </button>
      <Link href="/audit" className="px-2 py-2 text-sm text-slate-600 underline">
        Clear
      </Link>
    </form>
  );
}
