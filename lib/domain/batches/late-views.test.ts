import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Cancellation,
  LATE_VIEW_FUTURE_SKEW_MS,
  LATE_VIEW_TRUST_DAYS,
  undoesCancellation,
  undoneCancellations,
} from './late-views';

const DAY = 86_400_000;
const T = (iso: string) => Date.parse(iso);
const cancelledAt = T('2026-11-01T12:00:00Z');
const now = T('2026-11-03T08:00:00Z');
const byBatch: Cancellation = {
  status: 'cancelled',
  cancelledAt,
  cancelledBatchId: 7,
  retentionUntil: cancelledAt + 300 * DAY,
  purgedAt: null,
};

describe('undoesCancellation', () => {
  it('a view an hour before a batch cancellation, arriving two days later, undoes it', () => {
    expect(undoesCancellation(byBatch, cancelledAt - 3_600_000, now)).toBe(true);
  });
  it('a view at or after the cancellation does not (that is a rejoin)', () => {
    expect(undoesCancellation(byBatch, cancelledAt, now)).toBe(false);
    expect(undoesCancellation(byBatch, cancelledAt + 1, now)).toBe(false);
  });
  it(`a view is believed back to ${LATE_VIEW_TRUST_DAYS} days before the cancellation, not one millisecond more`, () => {
    expect(undoesCancellation(byBatch, cancelledAt - LATE_VIEW_TRUST_DAYS * DAY, now)).toBe(true);
    expect(undoesCancellation(byBatch, cancelledAt - LATE_VIEW_TRUST_DAYS * DAY - 1, now)).toBe(false);
  });
  it('only members cancelled by a Rekindle batch, within the retention window, not erased', () => {
    const w = cancelledAt - DAY;
    expect(undoesCancellation({ ...byBatch, cancelledBatchId: null }, w, now)).toBe(false);
    expect(undoesCancellation({ ...byBatch, status: 'active' }, w, now)).toBe(false);
    expect(undoesCancellation({ ...byBatch, purgedAt: now - DAY }, w, now)).toBe(false);
    expect(undoesCancellation(byBatch, w, cancelledAt + 300 * DAY)).toBe(true);
    expect(undoesCancellation(byBatch, w, cancelledAt + 300 * DAY + 1)).toBe(false);
  });
  it('a watched time in the future beyond the clock skew is never believed', () => {
    // A cancellation stamped ahead of "now" (a clock offset) with a view between.
    const ahead = { ...byBatch, cancelledAt: now + DAY };
    expect(undoesCancellation(ahead, now + LATE_VIEW_FUTURE_SKEW_MS, now)).toBe(true);
    expect(undoesCancellation(ahead, now + LATE_VIEW_FUTURE_SKEW_MS + 1, now)).toBe(false);
  });
});

// A simple reference: the member's cancellation interval written out, checked view by view.
function reference(members: Map<number, Cancellation>, views: { memberId: number; watchedAt: number }[], at: number) {
  const out = new Map<number, number>();
  for (const [id, m] of members) {
    if (m.status !== 'cancelled' || m.cancelledBatchId === null || m.cancelledAt === null) continue;
    if (m.purgedAt !== null || m.retentionUntil === null || at > m.retentionUntil) continue;
    const lo = m.cancelledAt - LATE_VIEW_TRUST_DAYS * DAY;
    const hi = Math.min(m.cancelledAt - 1, at + LATE_VIEW_FUTURE_SKEW_MS);
    const inside = views.filter((v) => v.memberId === id && v.watchedAt >= lo && v.watchedAt <= hi).map((v) => v.watchedAt);
    if (inside.length) out.set(id, Math.max(...inside));
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]);
}

const cancellationArb = fc.record({
  status: fc.constantFrom('cancelled', 'cancelled', 'cancelled', 'active', 'dormant'),
  cancelledAt: fc.option(
    fc.integer({ min: 0, max: 60 }).map((d) => cancelledAt - d * DAY),
    { freq: 6 },
  ),
  cancelledBatchId: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 4 }),
  retentionDays: fc.integer({ min: 0, max: 300 }),
  purged: fc.boolean(),
});

describe('undoneCancellations', () => {
  it('agrees with the reference on generated members and views, in any order, duplicates once', () => {
    fc.assert(
      fc.property(
        fc.array(cancellationArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.record({ m: fc.nat(9), offset: fc.integer({ min: -40 * DAY, max: 10 * DAY }) }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 90 }),
        (ms, vs, daysLater) => {
          const members = new Map<number, Cancellation>(
            ms.map((m, i) => [
              i,
              {
                status: m.status,
                cancelledAt: m.cancelledAt,
                cancelledBatchId: m.cancelledBatchId,
                retentionUntil: m.cancelledAt === null ? null : m.cancelledAt + m.retentionDays * DAY,
                purgedAt: m.purged ? cancelledAt : null,
              },
            ]),
          );
          const views = vs.map((v) => ({ memberId: v.m, watchedAt: cancelledAt + v.offset }));
          const at = cancelledAt + daysLater * DAY;
          const got = undoneCancellations(members, views, at);
          expect(got.map((u) => [u.memberId, u.watchedAt])).toEqual(reference(members, views, at));
          expect(undoneCancellations(members, [...views].reverse().concat(views), at)).toEqual(got);
          for (const u of got) expect(u.watchedAt).toBeLessThan(u.cancelledAt);
        },
      ),
    );
  });
});
