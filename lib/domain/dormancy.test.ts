import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, cutoffs, DAY_MS, type PolicyValues, policyProblems } from './dormancy';

const P: PolicyValues = { neverWatchedDays: 365, inactiveDays: 730, responseDays: 30, retentionDays: 300 };
const at = (iso: string) => Date.parse(iso);

describe('classify: never watched', () => {
  const joined = at('2023-03-10T18:45:00Z');

  it('is active the day before the threshold day, even at 23:59:59.999 UTC', () => {
    // 2023-03-10 + 365 days = 2024-03-09 (2024 is a leap year: Feb has 29 days).
    expect(classify({ joinedAt: joined, lastViewedAt: null }, P, at('2024-03-08T23:59:59.999Z'))).toEqual({ state: 'active' });
  });

  it('is dormant from 00:00 UTC of the threshold day, though the join was at 18:45', () => {
    expect(classify({ joinedAt: joined, lastViewedAt: null }, P, at('2024-03-09T00:00:00Z'))).toEqual({
      state: 'dormant',
      reason: 'never_watched',
      since: at('2024-03-09T00:00:00Z'),
    });
  });

  it('joined yesterday: active', () => {
    expect(classify({ joinedAt: at('2024-06-01T10:00:00Z'), lastViewedAt: null }, P, at('2024-06-02T09:00:00Z')).state).toBe(
      'active',
    );
  });

  it('uses the UTC day, not the local one: 23:30 in New York on 1 Jan is 2 Jan in UTC', () => {
    const joinedNy = at('2023-01-01T23:30:00-05:00'); // = 2023-01-02T04:30Z
    const p1 = { ...P, neverWatchedDays: 1 };
    expect(classify({ joinedAt: joinedNy, lastViewedAt: null }, p1, at('2023-01-02T23:59:59Z')).state).toBe('active');
    expect(classify({ joinedAt: joinedNy, lastViewedAt: null }, p1, at('2023-01-03T00:00:00Z')).state).toBe('dormant');
  });
});

describe('classify: inactive', () => {
  it('watched once years ago: dormant since last view + 730 days at 00:00 UTC', () => {
    const r = classify(
      { joinedAt: at('2015-01-01T00:00:00Z'), lastViewedAt: at('2019-07-04T21:10:00Z') },
      P,
      at('2024-01-01T12:00:00Z'),
    );
    // 2019-07-04 + 730 days = 2021-07-03 (2020 is a leap year).
    expect(r).toEqual({ state: 'dormant', reason: 'inactive', since: at('2021-07-03T00:00:00Z') });
  });

  it('exactly at the threshold instant is dormant; one millisecond earlier is active', () => {
    const last = at('2022-05-05T23:59:59.999Z');
    const threshold = at('2024-05-04T00:00:00Z'); // 2022-05-05 + 730 days
    expect(classify({ joinedAt: 0, lastViewedAt: last }, P, threshold).state).toBe('dormant');
    expect(classify({ joinedAt: 0, lastViewedAt: last }, P, threshold - 1).state).toBe('active');
  });

  it('a member who watched is never "never_watched", however long ago they joined', () => {
    const r = classify(
      { joinedAt: at('2010-01-01T00:00:00Z'), lastViewedAt: at('2024-01-01T00:00:00Z') },
      P,
      at('2024-02-01T00:00:00Z'),
    );
    expect(r).toEqual({ state: 'active' });
  });

  it('cancelled members are never dormant', () => {
    const m = { joinedAt: at('2010-01-01T00:00:00Z'), lastViewedAt: null };
    expect(classify({ ...m, status: 'cancelled' }, P, at('2024-01-01T00:00:00Z'))).toEqual({ state: 'active' });
    expect(classify({ ...m, cancelledAt: at('2020-01-01T00:00:00Z') }, P, at('2024-01-01T00:00:00Z'))).toEqual({
      state: 'active',
    });
  });

  it('works before 1970 (floors the day, does not truncate)', () => {
    const r = classify(
      { joinedAt: at('1969-12-31T12:00:00Z'), lastViewedAt: null },
      { ...P, neverWatchedDays: 1 },
      at('1970-01-01T00:00:00Z'),
    );
    expect(r).toEqual({ state: 'dormant', reason: 'never_watched', since: 0 });
  });
});

describe('cutoffs agree with classify', () => {
  it('joined/viewed strictly before the cutoff <=> dormant', () => {
    const asOf = at('2024-05-04T13:00:00Z');
    const c = cutoffs(P, asOf);
    expect(c.viewedBefore).toBe(at('2022-05-06T00:00:00Z'));
    expect(c.joinedBefore).toBe(at('2023-05-06T00:00:00Z'));
  });
});

const policyArb = fc.record({
  neverWatchedDays: fc.integer({ min: 1, max: 1500 }),
  inactiveDays: fc.integer({ min: 1, max: 1500 }),
  responseDays: fc.constant(30),
  retentionDays: fc.constant(300),
});
const instant = fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') });

describe('properties', () => {
  it('a view inside the inactivity window always means active', () => {
    fc.assert(
      fc.property(
        policyArb,
        instant,
        instant,
        fc.integer({ min: 0, max: 1499 }),
        fc.integer({ min: 0, max: DAY_MS - 1 }),
        (p, joinedAt, asOf, daysAgo, msInDay) => {
          fc.pre(daysAgo < p.inactiveDays);
          // A view `daysAgo` whole UTC days before the day of asOf, at any time of that day, not after asOf.
          const view = Math.min(asOf, (Math.floor(asOf / DAY_MS) - daysAgo) * DAY_MS + msInDay);
          expect(classify({ joinedAt, lastViewedAt: view }, p, asOf).state).toBe('active');
        },
      ),
    );
  });

  it('moving asOf forward never un-dormants a member without a new view, and "since" does not move', () => {
    fc.assert(
      fc.property(
        policyArb,
        instant,
        fc.option(instant, { nil: null }),
        instant,
        fc.integer({ min: 0, max: 4000 * DAY_MS }),
        (p, joinedAt, lastViewedAt, asOf, step) => {
          const before = classify({ joinedAt, lastViewedAt }, p, asOf);
          const after = classify({ joinedAt, lastViewedAt }, p, asOf + step);
          if (before.state === 'dormant') expect(after).toEqual(before);
        },
      ),
    );
  });

  it('dormant exactly when the join/view day is on or before day(asOf) - threshold (the definition, by day numbers)', () => {
    fc.assert(
      fc.property(policyArb, instant, fc.option(instant, { nil: null }), instant, (p, joinedAt, lastViewedAt, asOf) => {
        const day = (ms: number) => Math.floor(ms / DAY_MS);
        const expected =
          lastViewedAt == null
            ? day(joinedAt) <= day(asOf) - p.neverWatchedDays
            : day(lastViewedAt) <= day(asOf) - p.inactiveDays;
        expect(classify({ joinedAt, lastViewedAt }, p, asOf).state === 'dormant').toBe(expected);
        const c = cutoffs(p, asOf);
        expect(lastViewedAt == null ? joinedAt < c.joinedBefore : lastViewedAt < c.viewedBefore).toBe(expected);
      }),
    );
  });
});

describe('policyProblems', () => {
  it('accepts the defaults', () => expect(policyProblems(P)).toEqual({}));
  it('refuses zero and negative days', () => {
    expect(Object.keys(policyProblems({ ...P, neverWatchedDays: 0, retentionDays: -5 }))).toEqual([
      'neverWatchedDays',
      'retentionDays',
    ]);
  });
  it('refuses a response window longer than the inactivity threshold, accepts equal', () => {
    expect(policyProblems({ ...P, responseDays: 731 }).responseDays).toMatch(/cannot be longer/);
    expect(policyProblems({ ...P, responseDays: 730 })).toEqual({});
  });
});
