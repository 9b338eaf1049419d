import Link from 'next/link';
import { MEMBER_STATUSES } from '@/db/schema/members';
import type { MemberFilters as Filters } from '@/lib/members/filters';
import { STATUS_LABELS } from './status-badge';

const field = 'mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
const countryName = new Intl.DisplayNames(['en'], { type: 'region' });

/** A plain GET form: the filters live in the URL, so a shared link reproduces the view. */
export function MemberFilters({ filters, countries, plans }: { filters: Filters; countries: string[]; plans: string[] }) {
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
      <div>
        <label htmlFor="status" className="block text-sm font-medium">
          Status
        </label>
        <select id="status" name="status" defaultValue={filters.status ?? ''} className={field}>
          <option value="">Any status</option>
          {MEMBER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="country" className="block text-sm font-medium">
          Country
        </label>
        <select id="country" name="country" defaultValue={filters.country ?? ''} className={field}>
          <option value="">Any country</option>
          {countries.map((c) => (
            <option key={c} value={c}>
              {countryName.of(c) ?? c} ({c})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="plan" className="block text-sm font-medium">
          Plan
        </label>
        <select id="plan" name="plan" defaultValue={filters.plan ?? ''} className={field}>
          <option value="">Any plan</option>
          {plans.map((p) => (
            <option key={p} value={p}>
              {p.charAt(0).toUpperCase() + p.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Apply
      </button>
      <Link href="/members" className="px-2 py-2 text-sm text-slate-600 underline">
        Clear
      </Link>
    </form>
  );
}
