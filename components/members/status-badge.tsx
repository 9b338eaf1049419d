import type { MemberStatus } from '@/db/schema/members';

const STYLES: Record<MemberStatus, string> = {
  active: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  dormant: 'bg-amber-50 text-amber-900 ring-amber-300',
  notified: 'bg-sky-50 text-sky-800 ring-sky-200',
  proposed: 'bg-violet-50 text-violet-800 ring-violet-200',
  cancelled: 'bg-slate-100 text-slate-700 ring-slate-300',
};

export const STATUS_LABELS: Record<MemberStatus, string> = {
  active: 'Active',
  dormant: 'Dormant',
  notified: 'Notified',
  proposed: 'In a proposed batch',
  cancelled: 'Cancelled',
};

export function StatusBadge({ status }: { status: string }) {
  const s = status as MemberStatus;
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[s] ?? STYLES.cancelled}`}
    >
      {STATUS_LABELS[s] ?? status}
    </span>
  );
}
