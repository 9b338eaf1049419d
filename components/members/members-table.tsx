import Link from 'next/link';
import { DATE_CELL, DataTable } from '@/components/ui/data-table';
import type { MemberListRow } from '@/db/members';
import { formatDay, formatMinor } from '@/lib/domain/members/format';
import { languageName } from '@/lib/domain/members/language';
import { StatusBadge } from './status-badge';

export function MembersTable({ rows }: { rows: MemberListRow[] }) {
  if (rows.length === 0)
    return (
      <p role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-600">
        No members match these filters.
      </p>
    );
  return (
    <DataTable
      caption="Members, newest first"
      frame="card"
      pad="narrow"
      rows={rows}
      rowKey={(m) => m.id}
      rowClassName="hover:bg-slate-50"
      columns={[
        {
          header: 'Account',
          className: 'whitespace-nowrap font-mono text-xs',
          cell: (m) => (
            <Link href={`/members/${m.id}`} className="text-brand-700 underline-offset-2 hover:underline">
              {m.accountId}
            </Link>
          ),
        },
        {
          header: 'Name and email',
          cell: (m) => (
            <>
              {m.displayName ?? <span className="text-slate-400">Name erased</span>}
              <span className="block text-xs text-slate-600">{m.email ?? 'Email erased'}</span>
            </>
          ),
        },
        { header: 'Country', cell: (m) => m.country },
        { header: 'Plan', cell: (m) => m.plan, className: 'capitalize' },
        {
          header: 'Price/month',
          numeric: true,
          cell: (m) => formatMinor(m.priceMinor, m.currency),
          className: 'whitespace-nowrap',
        },
        { header: 'Status', cell: (m) => <StatusBadge status={m.status} /> },
        { header: 'Joined (UTC)', cell: (m) => formatDay(m.joinedAt), className: DATE_CELL },
        {
          header: 'Last viewed (UTC)',
          cell: (m) => (m.lastViewedAt ? formatDay(m.lastViewedAt) : <span className="text-slate-500">Never</span>),
          className: DATE_CELL,
        },
        // Last, so the columns before it keep their places (links and tests address them by position).
        { header: 'Language', cell: (m) => <span title={languageName(m.language)}>{m.language}</span> },
      ]}
    />
  );
}
