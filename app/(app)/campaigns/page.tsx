import Link from 'next/link';
import { int, utcTime } from '@/components/campaigns/format';
import { StatusBadge } from '@/components/campaigns/status-badge';
import { PageHeader } from '@/components/shell/page-header';
import { DataTable } from '@/components/ui/data-table';
import { listCampaigns } from '@/db/campaign-reports';
import { getSqlite } from '@/db/client';
import { requirePage } from '@/lib/auth/session';
import { closeDueCampaigns } from '@/lib/campaigns/close-due';
import { pct } from '@/lib/domain/campaigns/outcomes';
import { can } from '@/lib/domain/roles';
import { now } from '@/lib/runtime/clock';

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
        <DataTable
          caption="Campaigns, newest first"
          frame="card"
          head="muted"
          rows={rows}
          rowKey={(c) => c.id}
          columns={[
            {
              header: 'Name',
              rowHeader: true,
              className: 'font-medium',
              cell: (c) => (
                <Link href={`/campaigns/${c.id}`} className="text-brand-700 hover:underline">
                  {c.name}
                </Link>
              ),
            },
            { header: 'Status', cell: (c) => <StatusBadge status={c.status} /> },
            { header: 'Policy', numeric: true, cell: (c) => `v${c.policyVersionId}` },
            { header: 'Assigned', numeric: true, cell: (c) => int(c.assigned) },
            { header: 'Sent', numeric: true, cell: (c) => int(c.sent) },
            {
              header: 'Won back',
              numeric: true,
              cell: (c) => (
                <>
                  {int(c.wonBack)} <span className="text-slate-500">({c.assigned ? pct(c.wonBack / c.assigned) : '—'})</span>
                </>
              ),
            },
            {
              header: 'Deadline',
              cell: (c) => (c.alwaysOn ? 'per cohort' : utcTime(c.deadlineAt)),
              className: 'whitespace-nowrap',
            },
          ]}
        />
      )}
    </>
  );
}
