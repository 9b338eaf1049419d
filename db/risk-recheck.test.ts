import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '@/lib/domain/dormancy';
import { riskScore } from '@/lib/domain/risk/model';
import { getSqlite } from '@/lib/testing/db';
import { SCORE_SQL } from './risk.sql';
import { RECHECK_SQL } from './risk-scoring.sql';

// The daily run skips a stored score until its recheck day: with no new view, the score computed at
// any later instant before that day must be the one stored. Checked against the pure formula.

const stmt = () =>
  getSqlite().prepare(
    `SELECT score, ${RECHECK_SQL} AS recheckDay FROM (SELECT *, ${SCORE_SQL} AS score FROM (
       SELECT @daysSinceLastView AS daysSinceLastView, @usualGapDays AS usualGapDays, @views90 AS views90,
         @previous90 AS previous90, @tenureDays AS tenureDays, @joinedAt AS joined_at, @last AS last,
         NULL AS b90, NULL AS b180, 0 AS laterView))`,
  );

describe('the recheck day of a stored score', () => {
  it('comes no later than the first day the score could change as days pass', () => {
    const st = stmt();
    fc.assert(
      fc.property(
        fc.record({
          t: fc.integer({ min: Date.parse('2024-01-01'), max: Date.parse('2030-01-01') }),
          tenureDays: fc.nat(8000),
          sinceView: fc.option(fc.nat(8000)),
          usualGapDays: fc.option(fc.integer({ min: 1, max: 1500 })),
          views90: fc.nat(300),
          previous90: fc.nat(300),
          offset: fc.nat(DAY_MS - 1),
        }),
        (x) => {
          const joinedAt = x.t - x.tenureDays * DAY_MS - x.offset;
          const last = x.sinceView === null ? null : Math.max(joinedAt, x.t - x.sinceView * DAY_MS - (x.offset % 7_200_000));
          const f = (at: number) => ({
            daysSinceLastView: Math.floor((at - (last ?? joinedAt)) / DAY_MS),
            usualGapDays: x.usualGapDays,
            views90: x.views90,
            previous90: x.previous90,
            tenureDays: Math.floor((at - joinedAt) / DAY_MS),
          });
          const r = st.get({ ...f(x.t), joinedAt, last, dayT: Math.floor(x.t / DAY_MS) }) as {
            score: number;
            recheckDay: number;
          };
          expect(r.score).toBe(riskScore(f(x.t)));
          const today = Math.floor(x.t / DAY_MS);
          expect(r.recheckDay).toBeGreaterThanOrEqual(today);
          // Every instant of every day before the recheck day (its first and last millisecond bound
          // the whole days since the view and since joining) gives the stored score.
          for (let day = today; day < Math.min(r.recheckDay, today + 3000); day++)
            for (const at of [Math.max(x.t, day * DAY_MS), (day + 1) * DAY_MS - 1])
              expect(riskScore(f(at)), `day ${day - today}`).toBe(r.score);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('is the day a view leaves the last 90 days, or the 90 before, when that comes first', () => {
    const r = getSqlite()
      .prepare(
        `SELECT ${RECHECK_SQL} FROM (SELECT 1 AS daysSinceLastView, 60 AS usualGapDays, 5 AS views90, 5 AS previous90, 400 AS tenureDays,
           ${DAY_MS} * (@dayT - 400) AS joined_at, ${DAY_MS} * (@dayT - 1) AS last, 2 AS score, @b90 AS b90, @b180 AS b180, @later AS laterView)`,
      )
      .pluck();
    const dayT = 20_050;
    const asDaysPass = r.get({ b90: null, b180: null, later: 0, dayT }) as number;
    expect(asDaysPass).toBeGreaterThan(dayT + 5); // a long usual gap: the score moves slowly
    const at = (b90: number | null, b180: number | null, later: number) => r.get({ b90, b180, later, dayT });
    expect(at(dayT - 86, null, 0)).toBe(Math.min(asDaysPass, dayT + 4));
    expect(at(dayT - 86, dayT - 178, 0)).toBe(Math.min(asDaysPass, dayT + 2));
    expect(at(dayT - 86, dayT - 178, 1)).toBe(dayT);
  });
});
