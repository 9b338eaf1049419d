import Link from 'next/link';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';
import { AuditTable } from '@/components/audit/audit-table';
import { PageHeader } from '@/components/shell/page-header';
import { auditFacets, listAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/session';
import { auditRange, parseAuditFilters } from '@/lib/domain/audit-filters';
import { type AuditLine, summariseAudit } from '@/lib/domain/audit-summary';

export const metadata = { title: 'Audit log' };
const PAGE_SIZE = 50;
/** Entries read for one summarised page: a minute of a busy API is a few hundred. */
const SCAN = 5000;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePage('audit.view');
  const { filters, problems } = parseAuditFilters(await searchParams);
  const db = getDb();
  const read = (limit: number) =>
    listAudit(db, {
      actor: filters.actor,
      action: filters.action,
      excludeAction: filters.exclude,
      entityType: filters.entity,
      ...auditRange(filters),
      beforeId: filters.before,
      limit,
    });
  let lines: AuditLine[];
  let nextBefore: number | undefined;
  if (filters.each) {
    const rows = read(PAGE_SIZE + 1);
    const page = rows.slice(0, PAGE_SIZE);
    lines = page.map((row) => ({ kind: 'entry', row }));
    nextBefore = rows.length > PAGE_SIZE ? page[page.length - 1]?.id : undefined;
  } else {
    const rows = read(SCAN);
    const s = summariseAudit(rows, PAGE_SIZE);
    lines = s.lines;
    const more = s.consumed < rows.length || rows.length === SCAN;
    nextBefore = more ? rows[s.consumed - 1]?.id : undefined;
  }
  const facets = auditFacets(db);
  const qs = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, before: undefined, ...extra }))
      if (v !== undefined && v !== '') p.set(k, String(v));
    return `?${p.toString()}`;
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, newest first. Entries cannot be edited or deleted. Entries written by the API and by system jobs are summarised per minute unless “Every entry” is ticked."
      />
      {problems.length ? (
        <div role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {problems.join(' ')}
        </div>
      ) : null}
      {/* Keyed by the filters: a link to another view remounts the form, so its fields show that view. */}
      <AuditFilterForm key={JSON.stringify(filters)} filters={filters} facets={facets} />
      <AuditTable
        lines={lines}
        eachHref={(s) => qs({ each: '1', actor: s.actorLabel, action: s.action, before: s.newestId + 1 })}
      />
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
