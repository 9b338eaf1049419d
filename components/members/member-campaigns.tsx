import Link from 'next/link';
import { DATE_CELL, DataTable } from '@/components/ui/data-table';
import type { MemberCampaignRow } from '@/db/members';
import { formatDay } from '@/lib/domain/members/format';

const OUTCOME: Record<string, string> = {
  pending: 'Waiting for a response',
  confirmed: 'Confirmed (kept membership)',
  reactivated: 'Reactivated (watched again)',
  no_response: 'No response',
};

export function MemberCampaigns({ rows }: { rows: MemberCampaignRow[] }) {
  if (rows.length === 0) return <p className="p-4 text-sm text-slate-600">Not part of any campaign.</p>;
  return (
    <DataTable
      caption="Campaigns this member was assigned to"
      rows={rows}
      rowKey={(c) => c.campaignId}
      columns={[
        {
          header: 'Campaign',
          cell: (c) => (
            <Link href={`/campaigns/${c.campaignId}`} className="text-brand-700 underline-offset-2 hover:underline">
              {c.campaignName}
            </Link>
          ),
        },
        {
          header: 'Variant',
          cell: (c) => (
            <>
              {c.variantKey ? `${c.variantKey} · ${c.variantName}` : 'Holdout (not contacted)'}
              {c.status === 'excluded' ? (
                <span className="block text-xs text-slate-500">Excluded{c.excludedReason ? `: ${c.excludedReason}` : ''}</span>
              ) : null}
            </>
          ),
        },
        { header: 'Assigned', cell: (c) => formatDay(c.assignedAt), className: DATE_CELL },
        {
          header: 'Sent',
          cell: (c) => (c.sentAt ? formatDay(c.sentAt) : c.status === 'failed' ? 'Failed' : '—'),
          className: DATE_CELL,
        },
        { header: 'Confirmed', cell: (c) => formatDay(c.confirmedAt), className: DATE_CELL },
        { header: 'Outcome', cell: (c) => OUTCOME[c.outcome] ?? c.outcome },
      ]}
    />
  );
}
