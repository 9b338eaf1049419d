import Link from 'next/link';
import { z } from 'zod';
import { PurgeForm } from '@/components/batches/batch-forms';
import { BatchStatusBadge } from '@/components/batches/status-badge';
import { PageHeader } from '@/components/shell/page-header';
import { DataTable } from '@/components/ui/data-table';
import { listBatches } from '@/db/batch-queries';
import { getDb, getSqlite } from '@/db/client';
import { lastPurge, purgeDue } from '@/db/retention';
import { BATCH_STATUSES } from '@/db/schema/batches';
import { requirePage } from '@/lib/auth/session';
import { ageLabel, formatUtc } from '@/lib/domain/batches/format';
import { can } from '@/lib/domain/roles';
import { now } from '@/lib/runtime/clock';

export const metadata = { title: 'Cancellation batches' };

const PAGE = 50;
const params = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(BATCH_STATUSES).optional().catch(undefined),
});

export default async function BatchesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const staff = await requirePage('batches.view');
  const { before, status } = params.parse(await searchParams);
  const sqlite = getSqlite();
  const at = now();
  const rows = listBatches(getDb(), { beforeId: before, status, limit: PAGE + 1 });
  const more = rows.length > PAGE;
  const shown = rows.slice(0, PAGE);
  const fmt = (n: number) => n.toLocaleString('en-US');
  const last = can(staff.role, 'retention.purge') ? lastPurge(getDb()) : undefined;
  return (
    <>
      <PageHeader
        title="Cancellation batches"
        description="Proposed when a campaign reaches its deadline: the recipients who did not respond. A second person approves; execution checks every member again."
      />
      {can(staff.role, 'retention.purge') ? (
        <section aria-labelledby="purge-heading" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="purge-heading" className="mb-2 font-semibold">
            Retention purge
          </h2>
          <PurgeForm due={purgeDue(sqlite, at)} />
          {last ? (
            <p className="mt-2 text-xs text-slate-500">
              Last run {formatUtc(last.at)} by {last.by}: {last.message}
            </p>
          ) : null}
        </section>
      ) : null}
      <nav aria-label="Filter by status" className="mb-3 flex flex-wrap gap-2 text-sm">
        {[undefined, ...BATCH_STATUSES].map((s) => (
          <Link
            key={s ?? 'all'}
            href={s ? `/batches?status=${s}` : '/batches'}
            aria-current={s === status ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 ${s === status ? 'border-brand-600 bg-brand-50 font-semibold' : 'border-slate-300 bg-white'}`}
          >
            {s ? s[0]!.toUpperCase() + s.slice(1) : 'All'}
          </Link>
        ))}
      </nav>
      {shown.length === 0 ? (
        <p role="status" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No batches yet. One is proposed when a campaign reaches its deadline.
        </p>
      ) : (
        <DataTable
          caption="Cancellation batches, newest first"
          frame="card"
          pad="narrow"
          rows={shown}
          rowKey={(b) => b.id}
          columns={[
            {
              header: 'Batch',
              cell: (b) => (
                <Link href={`/batches/${b.id}`} className="whitespace-nowrap font-medium text-brand-700 underline">
                  Batch #{b.id}
                </Link>
              ),
            },
            { header: 'Campaign', cell: (b) => b.campaignName ?? `Campaign ${b.campaignId}` },
            { header: 'Status', cell: (b) => <BatchStatusBadge status={b.status} /> },
            { header: 'To cancel', numeric: true, cell: (b) => fmt(b.included) },
            { header: 'Excluded', numeric: true, cell: (b) => fmt(b.excluded) },
            { header: 'Cancelled', numeric: true, cell: (b) => fmt(b.cancelled) },
            { header: 'Skipped', numeric: true, cell: (b) => fmt(b.skipped) },
            { header: 'Age', cell: (b) => <span title={formatUtc(b.proposedAt)}>{ageLabel(b.proposedAt, at)}</span> },
            { header: 'Proposer', cell: (b) => b.proposer ?? <span className="text-slate-500">not submitted yet</span> },
          ]}
        />
      )}
      {more ? (
        <p className="mt-3">
          <Link
            href={`/batches?${new URLSearchParams({ ...(status ? { status } : {}), before: String(shown.at(-1)!.id) })}`}
            className="text-sm text-brand-700 underline"
          >
            Older batches
          </Link>
        </p>
      ) : null}
    </>
  );
}
