import { describe, expect, it } from 'vitest';
import { dormantDays, dormantIntervals } from './dormancy-history';

const P = { neverWatchedDays: 365, inactiveDays: 730 };
const t = (iso: string) => Date.parse(iso);

describe('dormantIntervals', () => {
  const joined = t('2020-03-10T15:00:00Z'); // 2020-03-10 + 365 days = 2021-03-10 (leap day inside)

  it('never watched: dormant from 00:00 UTC of joined + 365 days, not a millisecond earlier', () => {
    expect(dormantIntervals(joined, [], P, t('2021-03-09T23:59:59.999Z'))).toEqual([]);
    expect(dormantIntervals(joined, [], P, t('2021-03-10T00:00:00Z'))).toEqual([
      { reason: 'never_watched', start: t('2021-03-10T00:00:00Z'), end: null },
    ]);
  });

  it('a first view after the threshold closes the never-watched spell at that instant', () => {
    const first = t('2021-06-01T20:00:00Z');
    expect(dormantIntervals(joined, [first], P, t('2021-07-01T00:00:00Z'))).toEqual([
      { reason: 'never_watched', start: t('2021-03-10T00:00:00Z'), end: first },
    ]);
  });

  it('a view exactly at 00:00 of the threshold day leaves no spell', () => {
    expect(dormantIntervals(joined, [t('2021-03-10T00:00:00Z')], P, t('2021-04-01T00:00:00Z'))).toEqual([]);
  });

  it('inactive: 730 days after the day of a view, ended by the next view; open after the last', () => {
    // 2020-04-01 + 730 days = 2022-04-01; 2022-04-05 + 730 days = 2024-04-04 (2024 is a leap year).
    const views = [t('2020-04-01T12:00:00Z'), t('2022-04-05T09:00:00Z')];
    expect(dormantIntervals(joined, views, P, t('2024-04-03T23:59:59Z'))).toEqual([
      { reason: 'inactive', start: t('2022-04-01T00:00:00Z'), end: views[1] },
    ]);
    expect(dormantIntervals(joined, views, P, t('2024-04-04T00:00:00Z'))).toEqual([
      { reason: 'inactive', start: t('2022-04-01T00:00:00Z'), end: views[1] },
      { reason: 'inactive', start: t('2024-04-04T00:00:00Z'), end: null },
    ]);
  });

  it('a gap of 729 days and 23 hours is not a spell', () => {
    const views = [t('2020-04-01T00:00:00Z'), t('2022-03-31T23:00:00Z')];
    expect(dormantIntervals(joined, views, P, t('2022-06-01T00:00:00Z'))).toEqual([]);
  });

  it('ignores views after asOf (history as it was then)', () => {
    const views = [t('2020-04-01T12:00:00Z'), t('2022-04-05T09:00:00Z')];
    expect(dormantIntervals(joined, views, P, t('2022-04-02T12:00:00Z'))).toEqual([
      { reason: 'inactive', start: t('2022-04-01T00:00:00Z'), end: null },
    ]);
  });

  it('uses the policy it is given', () => {
    expect(dormantIntervals(joined, [], { neverWatchedDays: 30, inactiveDays: 60 }, t('2020-04-09T00:00:00Z'))).toEqual([
      { reason: 'never_watched', start: t('2020-04-09T00:00:00Z'), end: null },
    ]);
  });
});

describe('dormantDays', () => {
  const day = (iso: string) => t(`${iso}T00:00:00Z`) / 86_400_000;
  it('counts the threshold day, not the day of the reactivating view', () => {
    const i = { reason: 'inactive' as const, start: t('2022-04-01T00:00:00Z'), end: t('2022-04-05T09:00:00Z') };
    expect(dormantDays(i, t('2023-01-01T00:00:00Z'))).toEqual({ fromDay: day('2022-04-01'), toDay: day('2022-04-05') });
  });
  it('an open spell runs through the day of asOf', () => {
    const i = { reason: 'never_watched' as const, start: t('2021-03-10T00:00:00Z'), end: null };
    expect(dormantDays(i, t('2021-03-12T13:00:00Z'))).toEqual({ fromDay: day('2021-03-10'), toDay: day('2021-03-13') });
  });
  it('a spell ended on its first day counts no day', () => {
    const i = { reason: 'never_watched' as const, start: t('2021-03-10T00:00:00Z'), end: t('2021-03-10T08:00:00Z') };
    const d = dormantDays(i, t('2022-01-01T00:00:00Z'));
    expect(d.toDay - d.fromDay).toBe(0);
  });
});
