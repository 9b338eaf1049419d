import { DAY_MS } from '@/lib/domain/time';
import { formatDay } from './format';

// What the member page says about dormancy. members.dormant_since and dormant_reason are written by
// the dormancy scan; a view recorded since (a late view, or any view of a cancelled member, whom the
// scan no longer visits) can make them stale. The page must never say "Nothing watched since" a day
// before the "Last viewed" it shows beside it.

export type StoredDormancy = {
  dormantSince: number | null;
  dormantReason: 'never_watched' | 'inactive' | null;
  lastViewedAt: number | null;
};

export type ShownDormancy =
  | { state: 'dormant'; since: number; why: string }
  | { state: 'not_dormant' }
  /** Recorded as dormant, but a view recorded since ends it: shown as not dormant, with that view. */
  | { state: 'ended'; recordedSince: number; byViewAt: number };

/**
 * The stored dormancy if the last view still supports it under the current inactivity threshold
 * (the scan sets dormant_since = 00:00 UTC of the last view's day + inactiveDays), else 'ended'.
 */
export function shownDormancy(m: StoredDormancy, inactiveDays: number): ShownDormancy {
  if (m.dormantSince == null || m.dormantReason == null) return { state: 'not_dormant' };
  const lv = m.lastViewedAt;
  if (m.dormantReason === 'never_watched')
    return lv == null
      ? { state: 'dormant', since: m.dormantSince, why: 'Has not watched anything since joining' }
      : { state: 'ended', recordedSince: m.dormantSince, byViewAt: lv };
  if (lv == null) return { state: 'dormant', since: m.dormantSince, why: 'Nothing watched' };
  if (Math.floor(lv / DAY_MS) * DAY_MS + inactiveDays * DAY_MS > m.dormantSince)
    return { state: 'ended', recordedSince: m.dormantSince, byViewAt: lv };
  return { state: 'dormant', since: m.dormantSince, why: `Nothing watched since ${formatDay(lv)}` };
}
