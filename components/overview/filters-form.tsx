import type { OverviewFilters } from '@/lib/domain/metrics/filters';
import { MAX_HORIZON } from '@/lib/domain/metrics/filters';

/**
 * The overview's filters as a plain GET form: submitting it writes them into the URL, so the
 * link reproduces the view and it works before any JavaScript loads.
 */
export function FiltersForm({
  filters,
  countries,
  plans,
  maxMonth,
}: {
  filters: OverviewFilters;
  countries: string[];
  plans: string[];
  maxMonth: string;
}) {
  const field = 'mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
  return (
    <form
      method="get"
      action="/overview"
      aria-label="Filters"
      className="mb-6 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <label className="text-sm font-medium text-slate-700">
        From month
        <input type="month" name="from" defaultValue={filters.from} max={maxMonth} className={field} />
      </label>
      <label className="text-sm font-medium text-slate-700">
        To month
        <input type="month" name="to" defaultValue={filters.to} max={maxMonth} className={field} />
      </label>
      <label className="text-sm font-medium text-slate-700">
        Country
        <select name="country" defaultValue={filters.country ?? ''} className={field}>
          <option value="">All countries</option>
          {countries.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium text-slate-700">
        Plan
        <select name="plan" defaultValue={filters.plan ?? ''} className={field}>
          <option value="">All plans</option>
          {plans.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium text-slate-700">
        Forecast horizon (years)
        <input
          type="number"
          name="horizon"
          min={1}
          max={MAX_HORIZON}
          step={1}
          defaultValue={filters.horizon}
          className={`${field} w-28`}
        />
      </label>
      {filters.by !== 'reason' ? <input type="hidden" name="by" value={filters.by} /> : null}
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Apply filters
      </button>
      <a href="/overview" className="py-2 text-sm text-slate-600 underline hover:text-slate-900">
        Reset
      </a>
      <p className="basis-full text-xs text-slate-600">
        The months set the charts’ range only: the cards above always show today’s figures (this month, this year) for the chosen
        country and plan.
      </p>
    </form>
  );
}
