import { DAY_MS } from '@/lib/domain/time';

// The end of a member's paid month. Members carry no billing day, so the paid period runs from one
// monthly anniversary of the join date to the next (docs/decisions/025-keep-answers.md). A join
// day past the end of a month falls on that month's last day (joined 31 January → 28 or 29
// February, 30 April…), and the next month goes back to the join day (31 March).

function anniversary(year: number, month: number, joinDay: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(joinDay, lastDay));
}

/**
 * The instant (00:00 UTC of the next monthly anniversary of `joinedAt`, strictly after `at`) at
 * which a membership cancelled "at the end of the paid month" ends. An answer on the anniversary
 * day itself falls in the month just paid for, so it ends at the following anniversary.
 */
export function paidPeriodEnd(joinedAt: number, at: number): number {
  const joined = new Date(joinedAt);
  const joinDay = joined.getUTCDate();
  const now = new Date(Math.floor(at / DAY_MS) * DAY_MS);
  let year = now.getUTCFullYear();
  let month = now.getUTCMonth();
  for (;;) {
    const candidate = anniversary(year, month, joinDay);
    if (candidate > at && candidate > joinedAt) return candidate;
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
}
