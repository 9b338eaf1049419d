import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARM_HASH_SQL_FN, armHash, assignArm, assignArmSql, variantForBucket } from './assignment';

const mem = new Database(':memory:');
mem.function(ARM_HASH_SQL_FN, { deterministic: true }, (s, id, salt) => armHash(Number(s), Number(id), Number(salt)));

describe('arm assignment', () => {
  it('hashes are 32-bit unsigned and spread evenly over 100 buckets', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed, id) => {
        const h = armHash(seed, id, 0x68);
        expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
      }),
    );
    const buckets = new Array(100).fill(0);
    for (let id = 1; id <= 50_000; id++) buckets[armHash(7, id, 0x68) % 100]++;
    // 500 expected per bucket; a fair hash stays well within ±25%.
    for (const b of buckets) expect(Math.abs(b - 500)).toBeLessThan(125);
  });

  it('is reproducible: the same seed gives the same arms, another seed different ones', () => {
    const variants = [
      { id: 11, splitPct: 50 },
      { id: 12, splitPct: 50 },
    ];
    const a = Array.from({ length: 500 }, (_, i) => assignArm(42, i + 1, 10, variants));
    const again = Array.from({ length: 500 }, (_, i) => assignArm(42, i + 1, 10, variants));
    const other = Array.from({ length: 500 }, (_, i) => assignArm(43, i + 1, 10, variants));
    expect(again).toEqual(a);
    expect(other).not.toEqual(a);
  });

  it('cumulative splits: 60/30/10 maps buckets 0–59, 60–89, 90–99', () => {
    const v = [
      { id: 1, splitPct: 60 },
      { id: 2, splitPct: 30 },
      { id: 3, splitPct: 10 },
    ];
    expect(variantForBucket(0, v)).toBe(1);
    expect(variantForBucket(59, v)).toBe(1);
    expect(variantForBucket(60, v)).toBe(2);
    expect(variantForBucket(89, v)).toBe(2);
    expect(variantForBucket(90, v)).toBe(3);
    expect(variantForBucket(99, v)).toBe(3);
  });

  it('split proportions hold on 100,000 members (holdout 20%, then 70/30), within 1 point', () => {
    const v = [
      { id: 1, splitPct: 70 },
      { id: 2, splitPct: 30 },
    ];
    const counts = { holdout: 0, 1: 0, 2: 0 } as Record<string, number>;
    for (let id = 1; id <= 100_000; id++) counts[String(assignArm(987654, id, 20, v) ?? 'holdout')]!++;
    // Expected by hand: holdout 20,000; A 0.8 × 0.7 = 56,000; B 0.8 × 0.3 = 24,000.
    expect(Math.abs(counts.holdout! - 20_000)).toBeLessThan(1_000);
    expect(Math.abs(counts[1]! - 56_000)).toBeLessThan(1_000);
    expect(Math.abs(counts[2]! - 24_000)).toBeLessThan(1_000);
  });

  it('the SQL CASE gives the same arm as assignArm for every member', () => {
    const v = [
      { id: 7, splitPct: 34 },
      { id: 8, splitPct: 33 },
      { id: 9, splitPct: 33 },
    ];
    const rows = mem
      .prepare(
        `WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n WHERE id < 2000)
         SELECT id, ${assignArmSql('n.id', 31337, 15, v)} AS arm FROM n`,
      )
      .all() as { id: number; arm: number | null }[];
    for (const r of rows) expect(r.arm).toBe(assignArm(31337, r.id, 15, v));
  });

  it('refuses splits that do not add up to 100', () => {
    expect(() => assignArmSql('id', 1, 10, [{ id: 1, splitPct: 90 }])).toThrow(/100/);
  });
});
