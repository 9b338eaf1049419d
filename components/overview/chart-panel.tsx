import type { ReactNode } from 'react';
import type { DataTable as Table } from '@/lib/domain/metrics/table';
import { DataTableView } from './data-table-view';

/** A chart with its title, what it shows, a CSV download of the same numbers, and the table. */
export function ChartPanel({
  id,
  title,
  subtitle,
  csvHref,
  table,
  controls,
  children,
  wide,
  preparing,
}: {
  id: string;
  title: string;
  subtitle: ReactNode;
  csvHref: string;
  table: Table;
  controls?: ReactNode;
  children: ReactNode;
  wide?: boolean;
  /** The aggregate behind it has never been built yet: say so instead of drawing zeros. */
  preparing?: boolean;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className={`min-w-0 rounded-lg border border-slate-200 bg-white p-4 ${wide ? 'lg:col-span-2' : ''}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          <p className="mt-0.5 text-xs text-slate-600">{subtitle}</p>
        </div>
        <div className="flex items-center gap-3">
          {controls}
          {preparing ? null : (
            <a
              href={csvHref}
              download
              className="rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
            >
              Download CSV<span className="sr-only"> of {title}</span>
            </a>
          )}
        </div>
      </div>
      {preparing ? (
        <div
          role="status"
          className="mt-3 flex h-64 items-center justify-center rounded-md border border-dashed border-slate-300 bg-slate-50 px-6 text-center text-sm text-slate-600"
        >
          Being prepared — reload in a moment.
        </div>
      ) : (
        <>
          <div className="mt-3">{children}</div>
          <DataTableView caption={title} table={table} />
        </>
      )}
    </section>
  );
}
