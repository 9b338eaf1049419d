import Link from 'next/link';
import { DATE_CELL, DataTable } from '@/components/ui/data-table';
import type { MemberBatchRow } from '@/db/members';
import { formatDay, formatMinor } from '@/lib/domain/members/format';

export function MemberBatches({ rows }: { rows: MemberBatchRow[] }) {
  if (rows.length === 0) return <p className="p-4 text-sm text-slate-600">Never in a cancellation batch.</p>;
  return (
    <DataTable
      caption="Cancellation batches that included this member"
      rows={rows}
      rowKey={(b) => b.batchId}
      columns={[
        {
          header: 'Batch',
          cell: (b) => (
            <Link href={`/batches/${b.batchId}`} className="text-brand-700 underline-offset-2 hover:underline">
              Batch #{b.batchId}
            </Link>
          ),
        },
        { header: 'Batch status', cell: (b) => b.batchStatus, className: 'capitalize' },
        {
          header: 'This member',
          cell: (b) => (
            <>
              <span className="capitalize">{b.state}</span>
              {b.reason ? <span className="block text-xs text-slate-500">{b.reason}</span> : null}
            </>
          ),
        },
        { header: 'Price at proposal', numeric: true, cell: (b) => formatMinor(b.priceMinor, b.currency) },
        { header: 'Proposed', cell: (b) => formatDay(b.proposedAt), className: DATE_CELL },
        { header: 'Decided', cell: (b) => formatDay(b.decidedAt ?? b.executedAt), className: DATE_CELL },
      ]}
    />
  );
}
