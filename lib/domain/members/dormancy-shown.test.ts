import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '@/lib/domain/time';
import { shownDormancy } from './dormancy-shown';
import { formatDay } from './format';

const T = (iso: string) => Date.parse(iso);

describe('shownDormancy', () => {
  it('inactive and consistent: nothing watched since the last view, dormant 730 days after its day', () => {
    const lv = T('2023-03-10T18:00:00Z');
    const since = T('2023-03-10T00:00:00Z') + 730 * DAY_MS;
    expect(shownDormancy({ dormantReason: 'inactive', dormantSince: since, lastViewedAt: lv }, 730)).toEqual({
      state: 'dormant',
      since,
      why: 'Nothing watched since 10 Mar 2023',
    });
  });
  it('a cancelled member whose late view arrived after the scan: not "nothing watched since" beside a later last view', () => {
    const since = T('2023-03-10T00:00:00Z') + 730 * DAY_MS;
    const late = T('2025-10-01T09:30:00Z');
    expect(shownDormancy({ dormantReason: 'inactive', dormantSince: since, lastViewedAt: late }, 730)).toEqual({
      state: 'ended',
      recordedSince: since,
      byViewAt: late,
    });
  });
  it('never watched, then a view: ended; never watched and no view: dormant since joining', () => {
    const since = T('2025-01-01T00:00:00Z');
    expect(shownDormancy({ dormantReason: 'never_watched', dormantSince: since, lastViewedAt: null }, 730).state).toBe('dormant');
    expect(shownDormancy({ dormantReason: 'never_watched', dormantSince: since, lastViewedAt: since + 1 }, 730).state).toBe(
      'ended',
    );
  });
  it('whatever is stored, a shown dormancy never claims nothing was watched since a day before the last view', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.option(fc.integer({ min: 0, max: 20_000 * DAY_MS })),
        fc.constantFrom('inactive' as const, 'never_watched' as const),
        fc.integer({ min: 1, max: 3650 }),
        (sinceDay, lastViewedAt, dormantReason, inactiveDays) => {
          const s = shownDormancy({ dormantSince: sinceDay * DAY_MS, dormantReason, lastViewedAt }, inactiveDays);
          if (s.state !== 'dormant') return;
          if (lastViewedAt == null) return;
          expect(dormantReason).toBe('inactive');
          expect(s.why).toBe(`Nothing watched since ${formatDay(lastViewedAt)}`);
          // No view in the inactivity window before the dormancy began.
          expect(lastViewedAt).toBeLessThan(s.since - inactiveDays * DAY_MS + DAY_MS);
        },
      ),
    );
  });
});
