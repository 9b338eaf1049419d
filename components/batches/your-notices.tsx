import Link from 'next/link';
import type { StaffNoticeRow } from '@/db/approver-home';
import { ageLabel, formatUtc } from '@/lib/domain/batches/format';

const KIND = { submitted: 'Submitted for your decision', reminder: 'Still waiting (reminder)' } as const;
const STATUS = {
  queued: 'email queued',
  sending: 'email being sent',
  sent: 'email sent',
  failed: 'email not delivered',
  skipped: 'no email needed',
} as const;

/** Home page, for approvers: the emails about batches addressed to them, newest first (also shown here in case one went astray). */
export function YourNotices({ rows, at }: { rows: StaffNoticeRow[]; at: number }) {
  return (
    <section aria-labelledby="notices-heading" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="notices-heading" className="font-semibold">
        Your notices
      </h2>
      {rows.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No notices yet. You are told here and by email when a batch is submitted.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200">
          {rows.map((n) => (
            <li key={n.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
              <span>
                {KIND[n.kind]}:{' '}
                <Link href={`/batches/${n.batchId}`} className="font-medium text-brand-700 underline">
                  Batch #{n.batchId} — {n.campaignName ?? 'campaign'}
                </Link>
              </span>
              <span className="text-slate-600" title={formatUtc(n.sentAt ?? n.createdAt)}>
                {ageLabel(n.createdAt, at)} ago · {STATUS[n.status]}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
