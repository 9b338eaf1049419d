import Link from 'next/link';

/** Previous / Next links of a keyset-paginated list (hrefs built by the page; absent = no such page). */
export function Pager({
  label,
  prev,
  next,
  first,
  prevLabel = '← Previous',
  nextLabel = 'Next →',
  firstLabel = 'First page',
}: {
  label: string;
  prev?: string;
  next?: string;
  first?: string;
  prevLabel?: string;
  nextLabel?: string;
  firstLabel?: string;
}) {
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50';
  const off = 'rounded-md border border-slate-200 px-3 py-1.5 text-slate-400';
  return (
    <nav aria-label={label} className="mt-4 flex items-center gap-3 text-sm">
      {first ? (
        <Link href={first} className="text-slate-600 underline">
          {firstLabel}
        </Link>
      ) : null}
      {prev ? (
        <Link href={prev} className={link} rel="prev">
          {prevLabel}
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          {prevLabel}
        </span>
      )}
      {next ? (
        <Link href={next} className={link} rel="next">
          {nextLabel}
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          {nextLabel}
        </span>
      )}
    </nav>
  );
}
