import { ATTRIBUTION_DAYS } from '@/lib/domain/campaigns/next-season';

const int = new Intl.NumberFormat('en-US');

/** Next-season win-backs: rejoins attributed to a next-season message, this year and ever, with the definition. */
export function NextSeasonCard({ year, thisYear, ever }: { year: number; thisYear: number; ever: number }) {
  return (
    <section aria-labelledby="next-season-h" className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="next-season-h" className="text-sm font-medium text-slate-600">
        Next-season win-backs
      </h2>
      <dl className="mt-1 flex flex-wrap gap-x-8 gap-y-1">
        <div>
          <dt className="text-xs text-slate-600">In {year}</dt>
          <dd className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="next-season-this-year">
            {int.format(thisYear)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Ever</dt>
          <dd className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="next-season-ever">
            {int.format(ever)}
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-xs text-slate-600">
        Members cancelled by Rekindle who rejoined within {ATTRIBUTION_DAYS} days of a next-season invitation sent to them (not
        bounced), counted by the day they rejoined, in UTC; all countries and plans, whatever the filters above.
      </p>
    </section>
  );
}
