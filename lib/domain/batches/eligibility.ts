import { DAY_MS } from '@/lib/domain/time';

/** The policy thresholds a batch was proposed under (a row of policy_versions). */
export type BatchPolicy = { neverWatchedDays: number; inactiveDays: number; retentionDays: number };

/** What execution needs to know about one member of a batch, read inside the same transaction. */
export type BatchCandidate = {
  status: string; // members.status
  cancelledAt: number | null;
  joinedAt: number;
  lastViewedAt: number | null;
  sentAt: number | null; // campaign_members.sent_at
  bouncedAt: number | null; // campaign_members.bounced_at: sent, but the email bounced (never reached)
  confirmedAt: number | null; // campaign_members.confirmed_at (or a keep_confirmations row)
  reactivatedAt: number | null;
  excluded: boolean;
  /** Answered "cancel now" on a keep page and not cancelled yet (a leave_requests row waiting). */
  choseToLeave?: boolean;
};

export const SKIP_REASONS = {
  alreadyCancelled: 'Already cancelled',
  choseToLeave: 'Chose to leave: cancelled at their own request at the end of the paid month, not by a batch',
  excluded: 'Excluded by the approver',
  notSent: 'The last-chance message was never sent',
  notReached: 'Not reached: the last-chance email bounced',
  confirmed: 'Confirmed they want to keep the membership',
  viewed: 'Watched something after the message was sent',
  notDormantStatus: 'Marked active since the proposal',
  notDormant: 'No longer dormant under the batch policy',
} as const;
export type SkipReason = (typeof SKIP_REASONS)[keyof typeof SKIP_REASONS];

const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * Dormant at instant `at` under the policy (DOMAIN.md): never watched and joined at least
 * neverWatchedDays ago, or last watched at least inactiveDays ago, counted in whole UTC days
 * (a threshold day is reached at 00:00 UTC). Recomputed from the facts, never from the status.
 */
export function isDormantAt(m: { joinedAt: number; lastViewedAt: number | null }, p: BatchPolicy, at: number): boolean {
  const day = startOfDay(at);
  if (m.lastViewedAt == null) return startOfDay(m.joinedAt) + p.neverWatchedDays * DAY_MS <= day;
  return startOfDay(m.lastViewedAt) + p.inactiveDays * DAY_MS <= day;
}

/**
 * Why this member must not be cancelled now, or null when they may be. The first reason that
 * applies wins; the order is the same as the execution's re-check in SQL (db/batches.sql.ts),
 * which this function specifies: any doubt means the member is kept.
 */
export function skipReason(m: BatchCandidate, p: BatchPolicy, at: number): SkipReason | null {
  if (m.status === 'cancelled' || m.cancelledAt != null) return SKIP_REASONS.alreadyCancelled;
  // Their own request ends the membership at the paid month's end; a batch must never do it for them.
  if (m.choseToLeave) return SKIP_REASONS.choseToLeave;
  if (m.excluded) return SKIP_REASONS.excluded;
  // Reached = delivered and not bounced (DOMAIN.md): a member the message never reached was not
  // asked. Checked first: the recipient may be back in flight on an in-app notice standing in.
  if (m.bouncedAt != null) return SKIP_REASONS.notReached;
  if (m.sentAt == null) return SKIP_REASONS.notSent;
  if (m.confirmedAt != null) return SKIP_REASONS.confirmed;
  // A view at the very instant of sending counts as a view since sending: keep the member.
  if (m.reactivatedAt != null || (m.lastViewedAt != null && m.lastViewedAt >= m.sentAt)) return SKIP_REASONS.viewed;
  if (m.status === 'active') return SKIP_REASONS.notDormantStatus;
  if (!isDormantAt(m, p, at)) return SKIP_REASONS.notDormant;
  return null;
}

/** End of the retention window of a member cancelled at `cancelledAt`. */
export function retentionUntil(cancelledAt: number, p: Pick<BatchPolicy, 'retentionDays'>): number {
  return cancelledAt + p.retentionDays * DAY_MS;
}

export type RejoinCheck =
  | { ok: true }
  | { ok: false; code: 'not_cancelled' | 'purged' | 'window_ended' | 'before_cancellation' | 'future'; message: string };

/** Whether a cancelled member may be restored at `rejoinedAt` (DOMAIN.md: within retentionDays, never after purge). */
export function checkRejoin(
  m: {
    status: string;
    cancelledAt: number | null;
    cancelledBatchId: number | null;
    cancellationSource?: string | null;
    retentionUntil: number | null;
    purgedAt: number | null;
  },
  rejoinedAt: number,
  at: number,
): RejoinCheck {
  if (m.purgedAt != null)
    return {
      ok: false,
      code: 'purged',
      message: 'This member’s personal data has been erased, so the account cannot be restored.',
    };
  // Cancelled by a batch, or at their own request on the keep page: both rejoin the same way.
  if (
    m.status !== 'cancelled' ||
    m.cancelledAt == null ||
    (m.cancelledBatchId == null && m.cancellationSource !== 'member_request')
  )
    return {
      ok: false,
      code: 'not_cancelled',
      message: 'This member was not cancelled by Rekindle, so there is nothing to restore.',
    };
  if (rejoinedAt > at) return { ok: false, code: 'future', message: 'The rejoin time is in the future.' };
  if (rejoinedAt < m.cancelledAt)
    return { ok: false, code: 'before_cancellation', message: 'The rejoin time is before the cancellation.' };
  if (m.retentionUntil == null || rejoinedAt > m.retentionUntil)
    return {
      ok: false,
      code: 'window_ended',
      message: `The retention window ended on ${new Date(m.retentionUntil ?? m.cancelledAt).toISOString().slice(0, 10)}; the account can no longer be restored.`,
    };
  return { ok: true };
}
