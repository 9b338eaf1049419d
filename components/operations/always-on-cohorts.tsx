import Link from 'next/link';
import { StatusBadge } from '@/components/campaigns/status-badge';
import { DataTable } from '@/components/ui/data-table';
import type { CampaignStatus } from '@/lib/domain/values';

/** One cohort of an always-on campaign, as the Operations page lists it. */
export type CohortRow = {
  campaignId: number;
  parentId: number;
  campaign: string;
  day: string;
  enrolled: number;
  status: CampaignStatus;
};

/** The newest daily cohorts of the always-on campaigns: what the cycle's enrolment job made. */
export function AlwaysOnCohorts({ cohorts }: { cohorts: CohortRow[] }) {
  return (
    <section aria-labelledby="cohorts-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="cohorts-h" className="mb-1 text-lg font-semibold">
        Always-on campaigns’ cohorts
      </h2>
      {cohorts.length === 0 ? (
        <p className="text-sm text-slate-600">No always-on campaign has enrolled a cohort.</p>
      ) : (
        <DataTable
          caption="The newest cohorts, by the day they were enrolled"
          rows={cohorts}
          rowKey={(c) => c.campaignId}
          columns={[
            { header: 'Day (UTC)', cell: (c) => c.day, className: 'whitespace-nowrap tabular-nums' },
            {
              header: 'Always-on campaign',
              rowHeader: true,
              cell: (c) => (
                <Link href={`/campaigns/${c.parentId}`} className="text-brand-700 underline">
                  {c.campaign}
                </Link>
              ),
            },
            {
              header: 'Cohort',
              cell: (c) => (
                <Link href={`/campaigns/${c.campaignId}`} className="text-brand-700 underline">
                  #{c.campaignId}
                </Link>
              ),
            },
            { header: 'Enrolled', numeric: true, cell: (c) => c.enrolled.toLocaleString('en') },
            { header: 'Status', cell: (c) => <StatusBadge status={c.status} /> },
          ]}
        />
      )}
    </section>
  );
}
