import Link from 'next/link';
import type { ProposedBatch } from '@/db/approver-home';
import { ageLabel, formatUtc } from '@/lib/domain/batches/format';

/** Home page, for approvers: proposals that nobody has submitted for approval yet, oldest first, with their age. */
export function ProposedNotSubmitted({ rows, at }: { rows: ProposedBatch[]; at: number }) {
  return (
    <section aria-labelledby="proposed-heading" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="proposed-heading" className="font-semibold">
        Proposed, not yet submitted ({rows.length})
      </h2>
      {rows.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">Every proposed batch has been submitted.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
              <Link href={`/batches/${r.id}`} className="font-medium text-brand-700 underline">
                Batch #{r.id} — {r.campaignName ?? 'campaign'}
              </Link>
              <span>
                {r.members.toLocaleString('en-US')} members ·{' '}
                <span title={formatUtc(r.proposedAt)}>proposed {ageLabel(r.proposedAt, at)} ago</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
