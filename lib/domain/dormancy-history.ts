import { DAY_MS as DAY_MS_EXPORT } from './time';

// Dormant spells of one member, worked out from the join date and the view times alone. The seeder
// uses it to backfill the daily dormant counts while it generates each member's views (no event scans).

export type HistoryPolicy = { neverWatchedDays: number; inactiveDays: number };
export type DormantReasonName = 'never_watched' | 'inactive';
/** Dormant from `start` (00:00 UTC of the threshold day) until the reactivating view `end` (null = still dormant at asOf). */
export type DormantInterval = { reason: DormantReasonName; start: number; end: number | null };

// Local copy: hot loop in the seeder, and an imported binding can cost a getter call per read.
const DAY_MS = DAY_MS_EXPORT;
const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * Dormant intervals under `policy` as of `asOf` (see DOMAIN.md): never watched by joined + neverWatchedDays,
 * or nothing watched for inactiveDays after a view; a threshold counts as reached at 00:00 UTC of its day,
 * and any view ends the spell at that instant. `views` must be sorted ascending; views after asOf are ignored.
 */
export function dormantIntervals(
  joinedAt: number,
  views: ArrayLike<number>,
  policy: HistoryPolicy,
  asOf: number,
): DormantInterval[] {
  const out: DormantInterval[] = [];
  let n = views.length;
  while (n > 0 && (views[n - 1] as number) > asOf) n--;
  const neverStart = dayStart(joinedAt) + policy.neverWatchedDays * DAY_MS;
  if (n === 0) {
    if (neverStart <= asOf) out.push({ reason: 'never_watched', start: neverStart, end: null });
    return out;
  }
  const first = views[0] as number;
  if (neverStart < first) out.push({ reason: 'never_watched', start: neverStart, end: first });
  const gap = policy.inactiveDays * DAY_MS;
  for (let i = 1; i < n; i++) {
    const start = dayStart(views[i - 1] as number) + gap;
    const next = views[i] as number;
    if (start < next) out.push({ reason: 'inactive', start, end: next });
  }
  const lastStart = dayStart(views[n - 1] as number) + gap;
  if (lastStart <= asOf) out.push({ reason: 'inactive', start: lastStart, end: null });
  return out;
}

/**
 * Whole UTC days [fromDay, toDay) (day numbers = ms / DAY_MS) on which the interval counts as dormant.
 * A day counts when the member is dormant at its end: the threshold day counts, the day of the
 * reactivating view does not. An open interval runs through the day of `asOf`.
 */
export function dormantDays(interval: DormantInterval, asOf: number): { fromDay: number; toDay: number } {
  const fromDay = Math.floor(interval.start / DAY_MS);
  const toDay = interval.end === null ? Math.floor(asOf / DAY_MS) + 1 : Math.floor(interval.end / DAY_MS);
  return { fromDay, toDay: Math.max(fromDay, toDay) };
}
