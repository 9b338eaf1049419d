import Link from 'next/link';
import { int, utcTime } from '@/components/campaigns/format';
import { StatusBadge } from '@/components/campaigns/status-badge';
import { PageHeader } from '@/components/shell/page-header';
import { closeDueCampaigns, listCampaigns } from '@/db/campaigns';
import { getSqlite } from '@/db/client';
import { requirePage } from '@/lib/auth/session';
import { pct } from '@/lib/campaigns/outcomes';
import { now } from '@/lib/clock';
import { can } from '@/lib/roles';

export const metadata = { title: 'Campaigns' };

export default async function CampaignsPage() {
  const staff = await requirePage('campaigns.view');
  const sqlite = getSqlite();
  closeDueCampaigns(sqlite, now()); // cheap when nothing is due
  const rows = listCampaigns(sqlite);
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Last-chance messages to dormant members. Win-back rate = won back ÷ assigned (intention to treat)."
        actions={
          <div className="flex items-center gap-3">
            {/* The suppression list shows member contact details, so it follows members.view. */}
            {can(staff.role, 'members.view') ? (
              <Link
                href="/campaigns/suppression"
                className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
              >
                Suppression list
              </Link>
            ) : null}
            {can(staff.role, 'campaigns.edit') ? (
              <Link
                href="/campaigns/new"
                className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
              >
                New campaign
              </Link>
            ) : null}
          </div>
        }
      />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No campaigns yet.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">Campaigns, newest first</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 text-left font-medium">
                  Name
                </th>
                <th scope="col" className="px-4 py-2 text-left font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Policy
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Assigned
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Sent
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Won back
                </th>
                <th scope="col" className="px-4 py-2 text-left font-medium">
                  Deadline
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="px-4 py-2 text-left font-medium">
                    <Link href={`/campaigns/${c.id}`} className="text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                  </th>
                  <td className="px-4 py-2">
                    <StatusBadge status={c.status} />
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">v{c.policyVersionId}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{int(c.assigned)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{int(c.sent)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">
                    {int(c.wonBack)} <span className="text-slate-500">({c.assigned ? pct(c.wonBack / c.assigned) : '—'})</span>
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">{utcTime(c.deadlineAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
