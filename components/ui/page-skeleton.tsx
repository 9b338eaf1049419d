/** A pulsing placeholder for a page still loading: a title bar, a summary block and a list of rows. */
export function PageSkeleton({
  label,
  titleWidth,
  summaryClassName,
  rows,
}: {
  /** Announced to screen readers while the page loads. */
  label: string;
  titleWidth: string;
  summaryClassName: string;
  rows: number;
}) {
  return (
    <div role="status" aria-busy="true" className="animate-pulse">
      <span className="sr-only">{label}</span>
      <div className={`mb-6 h-8 ${titleWidth} rounded bg-slate-200`} />
      <div className={`${summaryClassName} rounded-lg bg-slate-200`} />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static skeleton rows
          <div key={i} className="h-6 rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
