import type { BatchStatus } from '@/db/schema/batches';

const STYLES: Record<BatchStatus, string> = {
  proposed: 'bg-slate-100 text-slate-800',
  submitted: 'bg-amber-100 text-amber-900',
  approved: 'bg-sky-100 text-sky-900',
  rejected: 'bg-red-100 text-red-900',
  executing: 'bg-violet-100 text-violet-900',
  executed: 'bg-emerald-100 text-emerald-900',
};
const LABELS: Record<BatchStatus, string> = {
  proposed: 'Proposed',
  submitted: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
  executing: 'Executing',
  executed: 'Executed',
};

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${STYLES[status]}`}>{LABELS[status]}</span>;
}
