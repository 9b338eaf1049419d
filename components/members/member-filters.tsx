import Link from 'next/link';
import { MEMBER_STATUSES } from '@/db/schema/members';
import type { MemberFilters as Filters } from '@/lib/domain/members/filters';
import { KNOWN_LANGUAGES, languageName } from '@/lib/domain/members/language';
import { STATUS_LABELS } from './status-badge';

const field = 'mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
const countryName = new Intl.DisplayNames(['en'], { type: 'region' });

/** A plain GET form: the filters live in the URL, so a shared link reproduces the view. */
export function MemberFilters({ filters, countries, plans }: { filters: Filters; countries: string[]; plans: string[] }) {
  const languages = [...new Set([...KNOWN_LANGUAGES, ...(filters.language ? [filters.language] : [])])];
  return (
    <form
      method="get"
      action="/members"
      aria-label="Find members"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="min-w-64 flex-1">
        <label htmlFor="q" className="block text-sm font-medium">
          Account id or email
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ''}
          placeholder="RK-1A2B3C4 or name@example.com"
          className={`${field} w-full`}
        />
      </div>
      <FilterSelect
        name="status"
        label="Status"
        any="Any status"
        value={filters.status}
        options={MEMBER_STATUSES.map((s) => [s, STATUS_LABELS[s]])}
      />
      <FilterSelect
        name="country"
        label="Country"
        any="Any country"
        value={filters.country}
        options={countries.map((c) => [c, `${countryName.of(c) ?? c} (${c})`])}
      />
      <FilterSelect
        name="plan"
        label="Plan"
        any="Any plan"
        value={filters.plan}
        options={plans.map((p) => [p, p.charAt(0).toUpperCase() + p.slice(1)])}
      />
      <FilterSelect
        name="language"
        label="Language"
        any="Any language"
        value={filters.language}
        options={languages.map((l) => [l, `${languageName(l)} (${l})`])}
      />
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Apply
      </button>
      <Link href="/members" className="px-2 py-2 text-sm text-slate-600 underline">
        Clear
      </Link>
    </form>
  );
}

/** A labelled select whose empty option means "no filter". */
function FilterSelect(props: { name: string; label: string; any: string; value?: string; options: [string, string][] }) {
  return (
    <div>
      <label htmlFor={props.name} className="block text-sm font-medium">
        {props.label}
      </label>
      <select id={props.name} name={props.name} defaultValue={props.value ?? ''} className={field}>
        <option value="">{props.any}</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
