// The checks a queued recipient passes again at the moment of sending.

export type SendCheckInput = {
  suppressed: number | boolean;
  /** The email address hard-bounced or complained before (email_suppressions). */
  addressSuppressed?: number | boolean;
  memberStatus: string;
  lastViewedAt: number | null;
  assignedAt: number;
  /** A next-season win-back's recipient: cancelled, and must still be, and still consent. */
  winBack?: number | boolean;
  winbackConsent?: number | boolean;
};

/**
 * Why a queued recipient must not be contacted now, or null. Checked at send time because the
 * world moves between queueing and sending: a suppression added, a view (which resets dormancy
 * and wins over any pending outcome), a cancellation. A win-back's recipient is the other way
 * round: cancelled is expected, and a rejoin or an opt-out since queueing stops the message.
 */
export function exclusionAtSend(c: SendCheckInput) {
  if (c.suppressed) return 'suppressed';
  if (c.addressSuppressed) return 'address_suppressed';
  if (c.winBack) {
    if (!c.winbackConsent) return 'no_consent';
    return c.memberStatus === 'cancelled' ? null : 'rejoined_before_send';
  }
  if (c.memberStatus === 'cancelled') return 'cancelled_before_send';
  if (c.memberStatus === 'active' || (c.lastViewedAt != null && c.lastViewedAt >= c.assignedAt)) return 'reactivated_before_send';
  return null;
}
