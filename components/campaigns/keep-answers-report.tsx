import { Table } from '@/components/ui/data-table';
import type { VariantRow } from '@/db/campaigns';
import { leaveReasonLabel } from '@/lib/domain/keep/reason-labels';
import { int } from './format';

type AnswerRow = { variantId: number | null; kept: number; offerTaken: number; choseToLeave: number };
type ReasonRow = { variantId: number | null; reason: string | null; n: number; withNote: number };

/** The keep page's three answers per variant, and the reasons of those who chose to leave. */
export function KeepAnswersReport({
  answers,
  reasons,
  variants,
}: {
  answers: AnswerRow[];
  reasons: ReasonRow[];
  variants: VariantRow[];
}) {
  const byVariant = new Map(answers.map((a) => [a.variantId, a]));
  const td = 'px-3 py-2 text-right tabular-nums';
  return (
    <section aria-labelledby="answers-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="answers-h" className="text-lg font-semibold">
        Answers on the keep page
      </h2>
      <Table
        caption="Answers per variant"
        className="mt-3"
        frame="scroll"
        head="muted"
        pad="narrow"
        bodyClassName="divide-y divide-slate-100"
        columns={[
          'Variant',
          ...['Kept', 'Kept and took the offer', 'Chose to leave'].map((header) => ({ header, numeric: true })),
        ]}
      >
        {variants.map((v) => {
          const a = byVariant.get(v.id);
          return (
            <tr key={v.id} data-testid={`answers-${v.key}`}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {v.key}: {v.name}
              </th>
              <td className={td}>{int(a?.kept ?? 0)}</td>
              <td className={td}>{v.offer === 'none' ? '—' : int(a?.offerTaken ?? 0)}</td>
              <td className={td}>{int(a?.choseToLeave ?? 0)}</td>
            </tr>
          );
        })}
      </Table>
      <h3 className="mt-5 font-semibold">Why members chose to leave</h3>
      {reasons.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">Nobody has chosen to leave.</p>
      ) : (
        <Table
          caption="Reasons given by members who chose to leave, per variant"
          className="mt-2"
          frame="scroll"
          head="muted"
          pad="narrow"
          bodyClassName="divide-y divide-slate-100"
          columns={['Variant', 'Reason', ...['Members', 'With a note'].map((header) => ({ header, numeric: true }))]}
        >
          {reasons.map((r) => (
            <tr key={`${r.variantId}-${r.reason}`}>
              <td className="px-3 py-2">{variants.find((v) => v.id === r.variantId)?.key ?? '—'}</td>
              <td className="px-3 py-2">{leaveReasonLabel(r.reason)}</td>
              <td className={td}>{int(r.n)}</td>
              <td className={td}>{int(r.withNote)}</td>
            </tr>
          ))}
        </Table>
      )}
      <p className="mt-3 text-xs text-slate-600">
        Kept = pressed &ldquo;Keep my membership&rdquo;; kept and took the offer = pressed the offer&apos;s button (variants with
        an offer). Both count as confirmed, so as won back. Chose to leave = confirmed &ldquo;cancel now&rdquo;: the membership
        ends at the end of the paid month (the monthly anniversary of the join date), cancelled at the member&apos;s own request
        by the period-end job, never in a batch; a rejoin within the retention window restores it. Notes are the member&apos;s own
        words and are erased with their personal data.
      </p>
    </section>
  );
}
