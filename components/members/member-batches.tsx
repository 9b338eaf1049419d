import Link from 'next/link';
import type { MemberBatchRow } from '@/db/members';
import { formatDay, formatMinor } from '@/lib/members/format';

export function MemberBatches({ rows }: { rows: MemberBatchRow[] }) {
  if (rows.length === 0) return <p className="p-4 text-sm text-slate-600">Never in a cancellation batch.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Cancellation batches that included this member</caption>
      <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
        <tr>
          <th className="px-4 py-2 font-medium">Batch</th>
          <th className="px-4 py-2 font-medium">Batch status</th>
          <th className="px-4 py-2 font-medium">This member</th>
          <th className="px-4 py-2 text-right font-medium">Price at proposal</th>
          <th className="px-4 py-2 font-medium">Proposed</th>
          <th className="px-4 py-2 font-medium">Decided</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={b.batchId} className="border-b border-slate-100 last:border-0">
            <td className="px-4 py-2">
              <Link href={`/batches/${b.batchId}`} className="text-brand-700 underline-offset-2 hover:underline">
                Batch #{b.batchId}
              </Link>
            </td>
            <td className="px-4 py-2 capitalize">{b.batchStatus}</td>
            <td className="px-4 py-2">
              <span className="capitalize">{b.state}</span>
              {b.reason ? <span className="block text-xs text-slate-500">{b.reason}</span> : null}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{formatMinor(b.priceMinor, b.currency)}</td>
            <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDay(b.proposedAt)}</td>
            <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDay(b.decidedAt ?? b.executedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
