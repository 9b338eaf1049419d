import { describe, expect, it } from 'vitest';
import { type BatchCandidate, checkRejoin, isDormantAt, retentionUntil, SKIP_REASONS, skipReason } from './eligibility';

const DAY = 86_400_000;
const P = { neverWatchedDays: 365, inactiveDays: 730, retentionDays: 300 };
const T = (iso: string) => Date.parse(iso);

describe('isDormantAt', () => {
  it('never watched: dormant from 00:00 UTC of joined day + 365 days', () => {
    // Joined 2023-03-01 15:00; 2023-03-01 + 365 days = 2024-02-29 (2024 is a leap year).
    const m = { joinedAt: T('2023-03-01T15:00:00Z'), lastViewedAt: null };
    expect(isDormantAt(m, P, T('2024-02-28T23:59:59Z'))).toBe(false);
    expect(isDormantAt(m, P, T('2024-02-29T00:00:00Z'))).toBe(true);
  });
  it('watched: dormant from 00:00 UTC of last-view day + 730 days', () => {
    // Last view 2022-01-10 23:30; + 730 days = 2024-01-10.
    const m = { joinedAt: T('2020-01-01T00:00:00Z'), lastViewedAt: T('2022-01-10T23:30:00Z') };
    expect(isDormantAt(m, P, T('2024-01-09T23:59:59Z'))).toBe(false);
    expect(isDormantAt(m, P, T('2024-01-10T00:00:00Z'))).toBe(true);
  });
  it('a member who joined long ago but watched recently is not dormant', () => {
    expect(
      isDormantAt({ joinedAt: T('2015-01-01T00:00:00Z'), lastViewedAt: T('2024-05-01T00:00:00Z') }, P, T('2024-06-01T00:00:00Z')),
    ).toBe(false);
  });
});

describe('skipReason', () => {
  const sent = T('2024-06-01T10:00:00Z');
  const at = T('2024-07-05T09:00:00Z');
  const base: BatchCandidate = {
    status: 'proposed',
    cancelledAt: null,
    joinedAt: T('2020-01-01T00:00:00Z'),
    lastViewedAt: T('2021-01-01T00:00:00Z'),
    sentAt: sent,
    bouncedAt: null,
    confirmedAt: null,
    reactivatedAt: null,
    excluded: false,
  };
  it('an eligible member may be cancelled', () => expect(skipReason(base, P, at)).toBeNull());
  it('a view after the message keeps the member', () =>
    expect(skipReason({ ...base, lastViewedAt: sent + 1, status: 'active' }, P, at)).toBe(SKIP_REASONS.viewed));
  it('a view at the very instant of sending keeps the member', () =>
    expect(skipReason({ ...base, lastViewedAt: sent }, P, at)).toBe(SKIP_REASONS.viewed));
  it('a view just before sending does not count as a view since sending', () =>
    expect(skipReason({ ...base, lastViewedAt: sent - 1, joinedAt: T('2020-01-01T00:00:00Z') }, P, at)).toBe(
      // ...but it resets dormancy: watched 2024-06-01, so not dormant on 2024-07-05.
      SKIP_REASONS.notDormant,
    ));
  it('confirmation keeps the member', () =>
    expect(skipReason({ ...base, confirmedAt: sent + DAY }, P, at)).toBe(SKIP_REASONS.confirmed));
  it('a member whose email bounced was never reached: kept, with its own reason', () =>
    expect(skipReason({ ...base, bouncedAt: sent + DAY }, P, at)).toBe(SKIP_REASONS.notReached));
  it('a bounced member whose in-app notice stands in (not sent yet) is kept as not reached', () =>
    expect(skipReason({ ...base, sentAt: null, bouncedAt: sent }, P, at)).toBe(SKIP_REASONS.notReached));
  it('a member who chose to leave is never cancelled by the batch, whatever else holds', () =>
    expect(skipReason({ ...base, choseToLeave: true, excluded: true }, P, at)).toBe(SKIP_REASONS.choseToLeave));
  it('exclusion keeps the member', () => expect(skipReason({ ...base, excluded: true }, P, at)).toBe(SKIP_REASONS.excluded));
  it('an already-cancelled member is never cancelled again', () =>
    expect(skipReason({ ...base, status: 'cancelled', cancelledAt: sent }, P, at)).toBe(SKIP_REASONS.alreadyCancelled));
  it('a status of active is trusted as a reason to keep, even if the dates say dormant', () =>
    expect(skipReason({ ...base, status: 'active' }, P, at)).toBe(SKIP_REASONS.notDormantStatus));
  it('a member never sent the message is kept', () =>
    expect(skipReason({ ...base, sentAt: null }, P, at)).toBe(SKIP_REASONS.notSent));
  it('a member recorded as reactivated is kept', () =>
    expect(skipReason({ ...base, reactivatedAt: sent + DAY }, P, at)).toBe(SKIP_REASONS.viewed));
});

describe('rejoin window', () => {
  const cancelledAt = T('2024-01-01T12:00:00Z');
  const until = retentionUntil(cancelledAt, P); // 2024-01-01 + 300 days = 2024-10-27 12:00
  const m = { status: 'cancelled', cancelledAt, cancelledBatchId: 1, retentionUntil: until, purgedAt: null };
  it('retention ends 300 days after cancellation', () => expect(new Date(until).toISOString()).toBe('2024-10-27T12:00:00.000Z'));
  it('accepts a rejoin on the last instant of the window', () => expect(checkRejoin(m, until, until + 1).ok).toBe(true));
  it('refuses a rejoin one millisecond after the window', () => {
    const r = checkRejoin(m, until + 1, until + 2);
    expect(r.ok === false && r.code).toBe('window_ended');
  });
  it('refuses a purged member with a clear message', () => {
    const r = checkRejoin({ ...m, purgedAt: until }, cancelledAt + DAY, cancelledAt + DAY);
    expect(r.ok === false && r.message).toMatch(/erased/);
  });
  it('refuses a member who is not cancelled', () => {
    const r = checkRejoin({ ...m, status: 'active', cancelledAt: null, cancelledBatchId: null }, cancelledAt, cancelledAt);
    expect(r.ok === false && r.code).toBe('not_cancelled');
  });
  it('refuses a rejoin time in the future or before the cancellation', () => {
    expect(checkRejoin(m, cancelledAt + 2 * DAY, cancelledAt + DAY).ok).toBe(false);
    expect(checkRejoin(m, cancelledAt - 1, cancelledAt + DAY).ok).toBe(false);
  });
});
