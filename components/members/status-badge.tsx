import type { MemberStatus } from '@/db/schema/members';

/** Colours per status; the pill's shape is BADGE_SHAPE (or set once on a table of many badges). */
export const STATUS_STYLES: Record<MemberStatus, string> = {
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

export const BADGE_SHAPE = 'inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset';

/** The status colour alone, for a table that sets BADGE_SHAPE once on its badges. */
export function statusColours(status: string): string {
  return STATUS_STYLES[status as MemberStatus] ?? STATUS_STYLES.cancelled;
}

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as MemberStatus] ?? status;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`${BADGE_SHAPE} ${statusColours(status)}`}>{statusLabel(status)}</span>;
}
