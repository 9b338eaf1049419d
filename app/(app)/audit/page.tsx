import Link from 'next/link';
import { AuditTable } from '@/components/audit/audit-table';
import { PageHeader } from '@/components/shell/page-header';
import { auditFacets, listAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/session';
import { parseAuditFilters } from '@/lib/domain/audit-filters';

export const metadata = { title: 'Audit log' };
const PAGE_SIZE = 50;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePage('audit.view');
  const { filters, problems } = parseAuditFilters(await searchParams);
  const db = getDb();
  const rows = listAudit(db, { actor: filters.actor, action: filters.action, beforeId: filters.before, limit: PAGE_SIZE + 1 });
  const page = rows.slice(0, PAGE_SIZE);
  const facets = auditFacets(db);
  const nextBefore = rows.length > PAGE_SIZE ? page[page.length - 1]?.id : undefined;
  const qs = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ actor: filters.actor, action: filters.action, ...extra }))
      if (v !== undefined && v !== '') p.set(k, String(v));
    return `?${p.toString()}`;
  };
  return (
    <>
      <PageHeader title="Audit log" description="Who did what, newest first. Entries cannot be edited or deleted." />
      {problems.length ? (
        <div role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {problems.join(' ')}
        </div>
      ) : null}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div>
          <label htmlFor="actor" className="block text-sm font-medium">
            Actor
          </label>
          <select
            id="actor"
            name="actor"
            defaultValue={filters.actor ?? ''}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5"
          >
            <option value="">Anyone</option>
            {facets.actors.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="action" className="block text-sm font-medium">
            Action
          </label>
          <select
            id="action"
            name="action"
            defaultValue={filters.action ?? ''}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5"
          >
            <option value="">Any action</option>
            {facets.actions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Filter
        </button>
        <Link href="/audit" className="px-2 py-2 text-sm text-slate-600 underline">
          Clear
        </Link>
      </form>
      <AuditTable rows={page} />
      <nav aria-label="Audit pages" className="mt-4 flex gap-4 text-sm">
        {filters.before ? (
          <Link href={qs({})} className="font-medium text-brand-700 underline">
            Newest
          </Link>
        ) : null}
        {nextBefore ? (
          <Link href={qs({ before: nextBefore })} className="font-medium text-brand-700 underline">
            Older entries
          </Link>
        ) : null}
      </nav>
    </>
  );
}
