import Link from 'next/link';
import { type Breakdown, filtersToSearch, type OverviewFilters } from '@/lib/domain/metrics/filters';

const BREAKDOWN_LABELS: Record<Breakdown, string> = { reason: 'By reason', country: 'By country', plan: 'By plan' };

/** Switches the dormant chart's breakdown, keeping the other filters in the URL. */
export function BreakdownNav({ filters }: { filters: OverviewFilters }) {
  return (
    <nav aria-label="Break dormant members down" className="flex rounded-md border border-slate-300 text-xs">
      {(['reason', 'country', 'plan'] as const).map((by) => (
        <Link
          key={by}
          href={`/overview?${filtersToSearch(filters, { by })}`}
          aria-current={filters.by === by ? 'true' : undefined}
          className={`px-2 py-1 font-medium ${filters.by === by ? 'bg-slate-800 text-white' : 'text-slate-700 hover:bg-slate-50'}`}
          scroll={false}
        >
          {BREAKDOWN_LABELS[by]}
        </Link>
      ))}
    </nav>
  );
}
