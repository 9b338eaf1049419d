// The checks a queued recipient passes again at the moment of sending.

export type SendCheckInput = {
  suppressed: number | boolean;
  memberStatus: string;
  lastViewedAt: number | null;
  assignedAt: number;
};

/**
 * Why a queued recipient must not be contacted now, or null. Checked at send time because the
 * world moves between queueing and sending: a suppression added, a view (which resets dormancy
 * and wins over any pending outcome), a cancellation.
 */
export function exclusionAtSend(c: SendCheckInput) {
  if (c.suppressed) return 'suppressed';
  if (c.memberStatus === 'cancelled') return 'cancelled_before_send';
  if (c.memberStatus === 'active' || (c.lastViewedAt != null && c.lastViewedAt >= c.assignedAt)) return 'reactivated_before_send';
  return null;
}
