import Link from 'next/link';
import { BatchStatusBadge } from '@/components/batches/status-badge';
import { Table } from '@/components/ui/data-table';
import type { CohortFigures } from '@/lib/domain/campaigns/always-on';
import { pct, pp } from '@/lib/domain/campaigns/outcomes';
import type { BatchStatus, CampaignStatus } from '@/lib/domain/values';
import { int, utcTime } from './format';
import { StatusBadge } from './status-badge';

export type CohortLine = {
  id: number;
  day: string;
  status: CampaignStatus;
  deadlineAt: number | null;
  batchId: number | null;
  batchStatus: BatchStatus | null;
  figures: CohortFigures;
};

const td = 'px-3 py-2 text-right tabular-nums';

function Figures({ f }: { f: CohortFigures }) {
  return (
    <>
      <td className={td}>{int(f.messaged.assigned + f.holdout.assigned)}</td>
      <td className={td}>{int(f.messaged.sent)}</td>
      <td className={td}>
        {pct(f.messaged.winBackRate)}
        <span className="block text-xs whitespace-nowrap text-slate-500">
          {int(f.messaged.wonBack)} of {int(f.messaged.assigned)}
        </span>
      </td>
      <td className={td}>
        {pct(f.holdout.winBackRate)}
        <span className="block text-xs whitespace-nowrap text-slate-500">
          {int(f.holdout.wonBack)} of {int(f.holdout.assigned)}
        </span>
      </td>
      <td className={td}>
        {f.lift ? (
          <>
            {pp(f.lift.difference)}
            <span className="block text-xs whitespace-nowrap text-slate-500">
              {pp(f.lift.low)} to {pp(f.lift.high)}
            </span>
          </>
        ) : (
          '—'
        )}
      </td>
    </>
  );
}

/** Each cohort of an always-on campaign with its own figures, and the total computed from the summed counts. */
export function CohortTable({ cohorts, total }: { cohorts: CohortLine[]; total: CohortFigures }) {
  return (
    <section aria-labelledby="cohorts-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="cohorts-h" className="text-lg font-semibold">
        Cohorts
      </h2>
      {cohorts.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No cohort enrolled yet.</p>
      ) : (
        <Table
          caption="Cohorts by day, with the total over every cohort"
          className="mt-3"
          frame="scroll"
          head="muted"
          pad="narrow"
          bodyClassName="divide-y divide-slate-100"
          columns={[
            'Cohort day',
            'Status',
            'Deadline',
            ...['Assigned', 'Sent', 'Win-back (messaged)', 'Win-back (holdout)', 'Lift (95% CI)'].map((header) => ({
              header,
              numeric: true,
            })),
            'Batch',
          ]}
        >
          {cohorts.map((c) => (
            <tr key={c.id} data-testid={`cohort-${c.day}`}>
              <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                <Link href={`/campaigns/${c.id}`} className="text-brand-700 hover:underline">
                  {c.day}
                </Link>
              </th>
              <td className="px-3 py-2">
                <StatusBadge status={c.status} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{utcTime(c.deadlineAt)}</td>
              <Figures f={c.figures} />
              <td className="px-3 py-2 whitespace-nowrap">
                {c.batchId && c.batchStatus ? (
                  <Link href={`/batches/${c.batchId}`} className="hover:underline">
                    <BatchStatusBadge status={c.batchStatus} />
                  </Link>
                ) : c.status === 'closed' ? (
                  'nobody to propose'
                ) : (
                  'after the deadline'
                )}
              </td>
            </tr>
          ))}
          <tr data-testid="cohort-total" className="bg-slate-50 font-semibold">
            <th scope="row" className="px-3 py-2 text-left">
              All cohorts
            </th>
            <td className="px-3 py-2" />
            <td className="px-3 py-2" />
            <Figures f={total} />
            <td className="px-3 py-2" />
          </tr>
        </Table>
      )}
      <p className="mt-3 text-xs text-slate-600">
        Win-back rate = won back (confirmed or reactivated) ÷ assigned, intention to treat; messaged = every variant together.
        Lift = messaged rate − holdout rate, 95% CI by Newcombe&apos;s method from Wilson intervals. All cohorts: counts are added
        up first and the rates computed from the sums, never averaged.
      </p>
    </section>
  );
}
