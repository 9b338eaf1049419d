import Link from 'next/link';
import type { MemberCampaignRow } from '@/db/members';
import { formatDay } from '@/lib/members/format';

const OUTCOME: Record<string, string> = {
  pending: 'Waiting for a response',
  confirmed: 'Confirmed (kept membership)',
  reactivated: 'Reactivated (watched again)',
  no_response: 'No response',
};

export function MemberCampaigns({ rows }: { rows: MemberCampaignRow[] }) {
  if (rows.length === 0) return <p className="p-4 text-sm text-slate-600">Not part of any campaign.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Campaigns this member was assigned to</caption>
      <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
        <tr>
          <th className="px-4 py-2 font-medium">Campaign</th>
          <th className="px-4 py-2 font-medium">Variant</th>
          <th className="px-4 py-2 font-medium">Assigned</th>
          <th className="px-4 py-2 font-medium">Sent</th>
          <th className="px-4 py-2 font-medium">Confirmed</th>
          <th className="px-4 py-2 font-medium">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.campaignId} className="border-b border-slate-100 last:border-0">
            <td className="px-4 py-2">
              <Link href={`/campaigns/${c.campaignId}`} className="text-brand-700 underline-offset-2 hover:underline">
                {c.campaignName}
              </Link>
            </td>
            <td className="px-4 py-2">
              {c.variantKey ? `${c.variantKey} · ${c.variantName}` : 'Holdout (not contacted)'}
              {c.status === 'excluded' ? (
                <span className="block text-xs text-slate-500">Excluded{c.excludedReason ? `: ${c.excludedReason}` : ''}</span>
              ) : null}
            </td>
            <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDay(c.assignedAt)}</td>
            <td className="whitespace-nowrap px-4 py-2 tabular-nums">
              {c.sentAt ? formatDay(c.sentAt) : c.status === 'failed' ? 'Failed' : '—'}
            </td>
            <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDay(c.confirmedAt)}</td>
            <td className="px-4 py-2">{OUTCOME[c.outcome] ?? c.outcome}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
