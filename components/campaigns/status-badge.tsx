import type { CampaignStatus } from '@/db/schema/campaigns';

const STYLE: Record<CampaignStatus, string> = {
  draft: 'bg-slate-100 text-slate-700',
  scheduled: 'bg-sky-100 text-sky-800',
  sending: 'bg-amber-100 text-amber-800',
  paused: 'bg-orange-100 text-orange-800',
  awaiting_responses: 'bg-violet-100 text-violet-800',
  closed: 'bg-emerald-100 text-emerald-800',
  cancelled: 'bg-red-50 text-red-700',
  enrolling: 'bg-teal-100 text-teal-800',
  enrolment_paused: 'bg-orange-100 text-orange-800',
  ended: 'bg-slate-200 text-slate-700',
};
export const STATUS_LABEL: Record<CampaignStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  paused: 'Paused',
  awaiting_responses: 'Awaiting responses',
  closed: 'Closed',
  cancelled: 'Cancelled',
  enrolling: 'Always on: enrolling',
  enrolment_paused: 'Always on: paused',
  ended: 'Ended',
};

export function StatusBadge({ status }: { status: CampaignStatus }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STYLE[status]}`}>{STATUS_LABEL[status]}</span>;
}
