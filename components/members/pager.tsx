import Link from 'next/link';

/** Previous / Next links of a keyset-paginated list (hrefs built by the page; absent = no such page). */
export function Pager({ label, prev, next, first }: { label: string; prev?: string; next?: string; first?: string }) {
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50';
  const off = 'rounded-md border border-slate-200 px-3 py-1.5 text-slate-400';
  return (
    <nav aria-label={label} className="mt-4 flex items-center gap-3 text-sm">
      {first ? (
        <Link href={first} className="text-slate-600 underline">
          First page
        </Link>
      ) : null}
      {prev ? (
        <Link href={prev} className={link} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          ← Previous
        </span>
      )}
      {next ? (
        <Link href={next} className={link} rel="next">
          Next →
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
