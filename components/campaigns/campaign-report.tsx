import { Table } from '@/components/ui/data-table';
import type { VariantRow } from '@/db/campaigns';
import {
  type ArmMetrics,
  armMetrics,
  emptyArmCounts,
  foldArms,
  liftOverHoldout,
  pct,
  pp,
  type ReportRow,
} from '@/lib/domain/campaigns/outcomes';
import { int } from './format';

/** Funnel per variant and for the holdout, win-back rates (intention to treat) and lift with a 95% CI. */
export function CampaignReport({
  rows,
  variants,
  notReached = new Map(),
  title = 'Results',
}: {
  rows: ReportRow[];
  variants: VariantRow[];
  /** Sent but never reached (the email bounced), per variant id. */
  notReached?: ReadonlyMap<number, number>;
  title?: string;
}) {
  const arms = foldArms(rows);
  const holdoutCounts = arms.get('holdout');
  const holdout = holdoutCounts ? armMetrics(holdoutCounts, true) : undefined;
  const lines: { key: string; label: string; m: ArmMetrics; isHoldout: boolean; notReached: number }[] = variants.map((v) => ({
    key: v.key,
    notReached: notReached.get(v.id) ?? 0,
    label: `${v.key}: ${v.name}`,
    m: armMetrics(arms.get(v.id) ?? emptyArmCounts()),
    isHoldout: false,
  }));
  if (holdout) lines.push({ key: 'holdout', label: 'Holdout (no message)', m: holdout, isHoldout: true, notReached: 0 });
  const td = 'px-3 py-2 text-right tabular-nums';
  return (
    <section aria-labelledby="report-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="report-h" className="text-lg font-semibold">
        {title}
      </h2>
      <Table
        caption="Funnel and win-back rate per variant and for the holdout"
        className="mt-3"
        frame="scroll"
        head="muted"
        pad="narrow"
        bodyClassName="divide-y divide-slate-100"
        columns={[
          'Group',
          ...[
            'Assigned',
            'Sent',
            'Not reached',
            'Confirmed',
            'Reactivated',
            'Chose to leave',
            'No response',
            'Still open',
            'Win-back rate',
            'Rate per sent',
            'Lift over holdout (95% CI)',
          ].map((header) => ({ header, numeric: true })),
        ]}
      >
        {lines.map(({ key, label, m, isHoldout, notReached: bounced }) => {
          const lift = isHoldout ? undefined : liftOverHoldout(m, holdout);
          return (
            <tr key={key} data-testid={`report-${key}`} className={isHoldout ? 'bg-slate-50' : undefined}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {label}
              </th>
              <td className={td}>{int(m.assigned)}</td>
              <td className={td}>{isHoldout ? '—' : int(m.sent)}</td>
              <td className={td}>{isHoldout ? '—' : int(bounced)}</td>
              <td className={td}>{int(m.confirmed)}</td>
              <td className={td}>{int(m.reactivated)}</td>
              <td className={td}>{int(m.choseToLeave)}</td>
              <td className={td}>{int(m.noResponse)}</td>
              <td className={td}>{int(m.pending)}</td>
              <td className={`${td} font-semibold`}>
                {pct(m.winBackRate)}
                <span className="block text-xs font-normal whitespace-nowrap text-slate-500">
                  {int(m.wonBack)} of {int(m.assigned)}
                </span>
              </td>
              <td className={td}>
                {isHoldout ? (
                  '—'
                ) : (
                  <>
                    {pct(m.ratePerSent)}
                    <span className="block text-xs whitespace-nowrap text-slate-500">
                      {int(m.wonBackAmongSent)} of {int(m.sent)}
                    </span>
                  </>
                )}
              </td>
              <td className={td}>
                {isHoldout ? (
                  'baseline'
                ) : lift ? (
                  <>
                    <span className="font-semibold">{pp(lift.difference)}</span>
                    <span className="block text-xs whitespace-nowrap text-slate-500">
                      {pp(lift.low)} to {pp(lift.high)}
                    </span>
                  </>
                ) : (
                  <span title="No holdout members to compare with">—</span>
                )}
              </td>
            </tr>
          );
        })}
      </Table>
      <p className="mt-3 text-xs text-slate-600">
        Win-back rate = won back (confirmed or reactivated, each member once) ÷ assigned, intention to treat: every assigned
        member counts, messaged or not, so a variant and the holdout compare like with like. Rate per sent = won back among
        members whose message was accepted ÷ sent. Chose to leave = answered &ldquo;cancel now&rdquo; on the keep page: not won
        back and not &ldquo;no response&rdquo;; cancelled at their own request at the end of their paid month by the period-end
        job, never in a batch. Not reached = sent, but the email bounced or drew a spam complaint afterwards: those members were
        never asked, so they are never proposed for cancellation. Lift = variant rate − holdout rate in percentage points, 95%
        confidence interval by Newcombe&apos;s method from Wilson intervals. An interval that includes 0 means no difference has
        been shown.
      </p>
    </section>
  );
}
