import Link from 'next/link';
import type { WaitingBatch } from '@/db/batch-queries';
import { ageLabel, formatUtc } from '@/lib/domain/batches/format';
import { now } from '@/lib/runtime/clock';

/**
 * Home page, for approvers: submitted batches they may decide (not their own), oldest first, with
 * their age and whether this approver's reminder email has gone out (`remindedAt`, by batch id).
 */
export function WaitingForMe({ rows, remindedAt }: { rows: WaitingBatch[]; remindedAt: ReadonlyMap<number, number> }) {
  const at = now();
  return (
    <section aria-labelledby="waiting-heading" className="mb-6 rounded-lg border border-amber-200 bg-amber-50 p-4">
      <h2 id="waiting-heading" className="font-semibold text-amber-950">
        Batches waiting for your decision ({rows.length})
      </h2>
      {rows.length === 0 ? (
        <p className="mt-1 text-sm text-amber-900">Nothing is waiting for you.</p>
      ) : (
        <ul className="mt-2 divide-y divide-amber-200">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
              <Link href={`/batches/${r.id}`} className="font-medium text-brand-700 underline">
                Batch #{r.id} — {r.campaignName ?? 'campaign'}
              </Link>
              <span className="text-amber-950">
                {r.members.toLocaleString('en-US')} members · submitted by {r.proposer ?? 'someone'} ·{' '}
                <span title={formatUtc(r.submittedAt)}>waiting {ageLabel(r.submittedAt ?? at, at)}</span> ·{' '}
                {remindedAt.has(r.id) ? (
                  <span title={formatUtc(remindedAt.get(r.id))}>reminder sent {ageLabel(remindedAt.get(r.id)!, at)} ago</span>
                ) : (
                  'no reminder yet'
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
