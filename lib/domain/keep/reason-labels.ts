import type { LeaveReason } from '@/lib/domain/values';

/** The staff pages' words for the reasons a member may give when choosing to leave. */
export const LEAVE_REASON_LABELS: Record<LeaveReason, string> = {
  too_expensive: 'Too expensive',
  not_enough_to_watch: 'Not enough to watch',
  not_watching: 'Not watching any more',
  technical_problems: 'Technical problems',
  other_service: 'Moving to another service',
  other: 'Other',
};

export function leaveReasonLabel(reason: string | null): string {
  return reason == null ? 'No reason given' : (LEAVE_REASON_LABELS[reason as LeaveReason] ?? reason);
}
