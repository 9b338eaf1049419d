import Link from 'next/link';
import type { MemberListRow } from '@/db/members';
import { formatDay, formatMinor } from '@/lib/members/format';
import { StatusBadge } from './status-badge';

export function MembersTable({ rows }: { rows: MemberListRow[] }) {
  if (rows.length === 0)
    return (
      <p role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-600">
        No members match these filters.
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">Members, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2 font-medium">Account</th>
            <th className="px-3 py-2 font-medium">Name and email</th>
            <th className="px-3 py-2 font-medium">Country</th>
            <th className="px-3 py-2 font-medium">Plan</th>
            <th className="px-3 py-2 text-right font-medium">Price/month</th>
            <th className="px-3 py-2 font-medium">Status</th>
            <th className="px-3 py-2 font-medium">Joined (UTC)</th>
            <th className="px-3 py-2 font-medium">Last viewed (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50">
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                <Link href={`/members/${m.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                  {m.accountId}
                </Link>
              </td>
              <td className="px-3 py-2">
                {m.displayName ?? <span className="text-slate-400">Name erased</span>}
                <span className="block text-xs text-slate-600">{m.email ?? 'Email erased'}</span>
              </td>
              <td className="px-3 py-2">{m.country}</td>
              <td className="px-3 py-2 capitalize">{m.plan}</td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatMinor(m.priceMinor, m.currency)}</td>
              <td className="px-3 py-2">
                <StatusBadge status={m.status} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDay(m.joinedAt)}</td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                {m.lastViewedAt ? formatDay(m.lastViewedAt) : <span className="text-slate-500">Never</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
