import Link from 'next/link';
import { z } from 'zod';
import { SuppressionAddForm } from '@/components/campaigns/suppression-add-form';
import { SuppressionImportForm } from '@/components/campaigns/suppression-import-form';
import { SuppressionRemoveButton } from '@/components/campaigns/suppression-remove-button';
import { PageHeader } from '@/components/shell/page-header';
import { DataTable } from '@/components/ui/data-table';
import { getDb } from '@/db/client';
import { countSuppressions, listSuppressions } from '@/db/suppressions';
import { requirePage } from '@/lib/auth/session';
import { count, formatUtc } from '@/lib/domain/delivery/format';
import { can } from '@/lib/domain/roles';

export const metadata = { title: 'Suppression list' };
const PAGE = 50;
const search = z.object({
  account: z.string().trim().max(64).optional().catch(undefined),
  before: z
    .string()
    .regex(/^\d+:\d+$/)
    .optional()
    .catch(undefined),
});

export default async function SuppressionPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Who may never be contacted, and why (complaints, legal requests): member-level data.
  const staff = await requirePage('members.view');
  const q = search.parse(await props.searchParams);
  const [addedAt, memberId] = q.before ? q.before.split(':').map(Number) : [];
  const db = getDb();
  const rows = listSuppressions(db, {
    limit: PAGE + 1,
    accountId: q.account || undefined,
    before: addedAt !== undefined && memberId !== undefined ? { addedAt, memberId } : undefined,
  });
  const page = rows.slice(0, PAGE);
  const last = rows.length > PAGE ? page.at(-1) : undefined;
  const total = countSuppressions(db);
  const canEdit = can(staff.role, 'suppression.edit');
  const qs = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...(q.account ? { account: q.account } : {}), ...extra }).toString()}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/campaigns" className="text-brand-700 underline">
          ← Campaigns
        </Link>
      </nav>
      <PageHeader
        title="Suppression list"
        description="Members who must never be contacted by a campaign (complaints, legal requests). Segments leave them out, and the sender refuses them again at the moment of sending. Every change is recorded in the audit log."
      />
      {canEdit ? (
        <div className="mb-8 grid gap-6 lg:grid-cols-2">
          <section aria-labelledby="add-suppression" className="rounded-lg border border-slate-200 bg-white p-6">
            <h2 id="add-suppression" className="mb-4 text-lg font-semibold">
              Add a member
            </h2>
            <SuppressionAddForm />
          </section>
          <section aria-labelledby="import-suppression" className="rounded-lg border border-slate-200 bg-white p-6">
            <h2 id="import-suppression" className="mb-1 text-lg font-semibold">
              Import a CSV
            </h2>
            <p className="mb-4 text-sm text-slate-600">
              Columns <code>account_id</code> and <code>reason</code>, with a header row. All or nothing: if any line is wrong,
              nothing is imported and every problem is listed by line number.
            </p>
            <SuppressionImportForm />
          </section>
        </div>
      ) : null}

      <section aria-labelledby="suppression-list" className="rounded-lg border border-slate-200 bg-white">
        <div className="flex flex-wrap items-end justify-between gap-4 border-b border-slate-200 p-4">
          <h2 id="suppression-list" className="text-lg font-semibold">
            {count(total)} member{total === 1 ? '' : 's'} on the list
          </h2>
          <form method="get" className="flex items-end gap-2" aria-label="Find an account on the list">
            <div>
              <label htmlFor="find-account" className="block text-sm font-medium">
                Find an account id
              </label>
              <input
                id="find-account"
                name="account"
                defaultValue={q.account}
                className="mt-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
              />
            </div>
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold">
              Find
            </button>
            {q.account ? (
              <Link href="/campaigns/suppression" className="py-1.5 text-sm text-brand-700 underline">
                Show all
              </Link>
            ) : null}
          </form>
        </div>
        {page.length === 0 ? (
          <p role="status" className="p-8 text-center text-slate-600">
            {q.account ? `${q.account} is not on the suppression list.` : 'Nobody is on the suppression list.'}
          </p>
        ) : (
          <DataTable
            pad="roomy"
            rows={page}
            rowKey={(s) => s.memberId}
            rowClassName="align-top"
            columns={[
              { header: 'Account id', cell: (s) => s.accountId, className: 'font-mono text-xs leading-5' },
              { header: 'Reason', cell: (s) => s.reason, className: 'break-words' },
              { header: 'Added by', cell: (s) => s.addedBy },
              { header: 'Added', cell: (s) => formatUtc(s.addedAt), className: 'whitespace-nowrap' },
              canEdit && {
                header: 'Actions',
                srOnly: true,
                className: 'text-right',
                cell: (s) => <SuppressionRemoveButton accountId={s.accountId} />,
              },
            ]}
          />
        )}
      </section>
      <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
        {q.before ? (
          <Link href={`/campaigns/suppression${qs({})}`} className="text-brand-700 underline">
            Newest entries
          </Link>
        ) : null}
        {last ? (
          <Link
            href={`/campaigns/suppression${qs({ before: `${last.addedAt}:${last.memberId}` })}`}
            className="text-brand-700 underline"
          >
            Older entries
          </Link>
        ) : null}
      </nav>
    </>
  );
}
