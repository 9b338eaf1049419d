import type { ReactNode } from 'react';

/** One headline figure: the number large, what it means small, and a link to its definition. */
export function StatCard({
  label,
  value,
  detail,
  definition,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  definition: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="flex items-center justify-between gap-2 text-sm font-medium text-slate-600">
        <span>{label}</span>
        <a
          href={`#def-${definition}`}
          className="text-xs font-normal text-slate-500 underline decoration-dotted hover:text-slate-800"
        >
          definition<span className="sr-only"> of {label}</span>
        </a>
      </dt>
      <dd className="mt-1">
        <span className="text-2xl font-semibold tabular-nums tracking-tight text-slate-900">{value}</span>
        {detail ? <span className="mt-1 block text-xs text-slate-600">{detail}</span> : null}
      </dd>
    </div>
  );
}
