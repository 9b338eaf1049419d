import { DAY_MS } from '@/lib/domain/time';

// A view that happened before a member's cancellation but reached Rekindle after it committed
// means the member was not dormant when cancelled: the cancellation is undone (DOMAIN.md "Late
// view"; docs/decisions/020-late-views-undo-cancellations.md). db/viewing.sql.ts LATE_VIEW_SQL is
// the set-based form of this rule and is tested against it.

/**
 * How far before the cancellation a watched time is believed. Devices queue views while offline
 * (downloads) and the backend retries for days; an earlier stamp is more likely a wrong clock or a
 * replayed record than a view that was held back, and would in any case have been older than the
 * views the execution saw. Smaller than every policy's inactivity threshold, so a believed view
 * always means the member was not dormant at the cancellation.
 */
export const LATE_VIEW_TRUST_DAYS = 30;
/** A watched time later than "now" by more than this is a wrong source clock, never believed. */
export const LATE_VIEW_FUTURE_SKEW_MS = 5 * 60_000;

/** The member's cancellation facts, as on the members row. */
export type Cancellation = {
  status: string;
  cancelledAt: number | null;
  cancelledBatchId: number | null;
  retentionUntil: number | null;
  purgedAt: number | null;
};

/**
 * Whether a view watched at `watchedAt`, recorded at `now`, undoes this member's cancellation:
 * cancelled by a Rekindle batch (not a member who left by choice), still within the retention window
 * and not erased, and the view believed and strictly before the cancellation. A view at or after the
 * cancellation does not undo it: that member is a rejoin, through the rejoin path.
 */
export function undoesCancellation(m: Cancellation, watchedAt: number, now: number): boolean {
  if (m.status !== 'cancelled' || m.cancelledAt == null || m.cancelledBatchId == null) return false;
  if (m.purgedAt != null || m.retentionUntil == null || now > m.retentionUntil) return false;
  if (watchedAt > now + LATE_VIEW_FUTURE_SKEW_MS) return false;
  return watchedAt < m.cancelledAt && watchedAt >= m.cancelledAt - LATE_VIEW_TRUST_DAYS * DAY_MS;
}

export type UndoneCancellation = { memberId: number; watchedAt: number; batchId: number; cancelledAt: number };

/**
 * The cancellations a set of views undoes: one per member, with the latest view that undoes it
 * (the evidence recorded). In member id order.
 */
export function undoneCancellations(
  membersById: ReadonlyMap<number, Cancellation>,
  views: readonly { memberId: number; watchedAt: number }[],
  now: number,
): UndoneCancellation[] {
  const out = new Map<number, UndoneCancellation>();
  for (const v of views) {
    const m = membersById.get(v.memberId);
    if (!m || !undoesCancellation(m, v.watchedAt, now)) continue;
    const seen = out.get(v.memberId);
    if (!seen || v.watchedAt > seen.watchedAt)
      out.set(v.memberId, {
        memberId: v.memberId,
        watchedAt: v.watchedAt,
        batchId: m.cancelledBatchId as number,
        cancelledAt: m.cancelledAt as number,
      });
  }
  return [...out.values()].sort((a, b) => a.memberId - b.memberId);
}
