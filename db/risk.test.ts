import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { riskScore } from '@/lib/domain/risk/model';
import { getSqlite } from '@/lib/testing/db';
import { SCORE_SQL } from './risk.sql';

describe('the scoring SQL', () => {
  it('gives the pure formula’s score for any features', () => {
    const stmt = getSqlite().prepare(
      `SELECT ${SCORE_SQL} FROM (SELECT @daysSinceLastView AS daysSinceLastView, @usualGapDays AS usualGapDays,
         @views90 AS views90, @previous90 AS previous90, @tenureDays AS tenureDays)`,
    );
    fc.assert(
      fc.property(
        fc.record({
          daysSinceLastView: fc.nat(4000),
          usualGapDays: fc.option(fc.integer({ min: 1, max: 3000 })),
          views90: fc.nat(500),
          previous90: fc.nat(500),
          tenureDays: fc.nat(10_000),
        }),
        (f) => {
          expect(stmt.pluck().get(f)).toBe(riskScore(f));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
