import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, getSqlite } from '@/lib/testing/db';
import { rerunBackfill } from '@/lib/testing/migration-backfill';
import { batchBreakdown, batchTotals, skipReasonCounts } from './batch-queries';

// The batch figures read from batch_member_totals (kept by the triggers of migration 0030) against the
// same figures grouped from the batch's own rows, after generated inserts, state changes, moves and
// deletions — the writes proposals, exclusions, executions and late views make.

const s = () => getSqlite();
const STATES = ['included', 'excluded', 'cancelled', 'skipped', 'undone'] as const;
const REASONS = [null, 'watched since', 'confirmed', 'email bounced'] as const;

type Op =
  | {
      kind: 'insert';
      batch: number;
      member: number;
      state: (typeof STATES)[number];
      reason: (typeof REASONS)[number];
      price: number;
      cur: string;
      country: string;
      plan: string;
    }
  | { kind: 'state'; batch: number; member: number; state: (typeof STATES)[number]; reason: (typeof REASONS)[number] }
  | { kind: 'price'; batch: number; member: number; price: number; country: string }
  | { kind: 'delete'; batch: number; member: number };

const batch = fc.integer({ min: 1, max: 2 });
const member = fc.integer({ min: 1, max: 12 });
const state = fc.constantFrom(...STATES);
const reason = fc.constantFrom(...REASONS);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    batch,
    member,
    state,
    reason,
    price: fc.integer({ min: 0, max: 2_000 }),
    cur: fc.constantFrom('EUR', 'USD'),
    country: fc.constantFrom('FR', 'US', 'BR'),
    plan: fc.constantFrom('basic', 'standard'),
  }),
  fc.record({ kind: fc.constant('state' as const), batch, member, state, reason }),
  fc.record({
    kind: fc.constant('price' as const),
    batch,
    member,
    price: fc.integer({ min: 0, max: 2_000 }),
    country: fc.constantFrom('FR', 'US'),
  }),
  fc.record({ kind: fc.constant('delete' as const), batch, member }),
);

function apply(o: Op) {
  if (o.kind === 'insert')
    s()
      .prepare(
        `INSERT OR IGNORE INTO batch_members (batch_id, member_id, campaign_member_id, state, reason, price_minor, currency, country, plan)
         VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)`,
      )
      .run(o.batch, o.member, o.state, o.reason, o.price, o.cur, o.country, o.plan);
  else if (o.kind === 'state')
    s()
      .prepare('UPDATE batch_members SET state = ?, reason = ? WHERE batch_id = ? AND member_id = ?')
      .run(o.state, o.reason, o.batch, o.member);
  else if (o.kind === 'price')
    s()
      .prepare('UPDATE batch_members SET price_minor = ?, country = ? WHERE batch_id = ? AND member_id = ?')
      .run(o.price, o.country, o.batch, o.member);
  else s().prepare('DELETE FROM batch_members WHERE batch_id = ? AND member_id = ?').run(o.batch, o.member);
}

/** The figures of one batch grouped from its rows: what the totals must equal. */
function fromRows(id: number) {
  const all = <T>(sql: string) => s().prepare(sql).all(id) as T[];
  return {
    totals: all(`SELECT state, currency, count(*) AS members, sum(price_minor) AS monthlyMinor FROM batch_members
      WHERE batch_id = ? GROUP BY state, currency ORDER BY state, currency`),
    breakdown: all(`SELECT country, plan, currency, count(*) AS members, sum(price_minor) AS monthlyMinor FROM batch_members
      WHERE batch_id = ? AND state IN ('cancelled', 'skipped') GROUP BY country, plan, currency ORDER BY country, plan, currency`),
    skipped: all(`SELECT coalesce(reason, '') AS reason, count(*) AS n FROM batch_members
      WHERE batch_id = ? AND state = 'skipped' GROUP BY 1 ORDER BY 1`),
  };
}

function fromTotals(id: number) {
  const byKey = <T extends Record<string, unknown>>(rows: T[], key: (r: T) => string) =>
    [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  return {
    totals: batchTotals(getDb(), id),
    breakdown: byKey(
      batchBreakdown(getDb(), id, ['cancelled', 'skipped']),
      (r) => `${r.country}\u0000${r.plan}\u0000${r.currency}`,
    ),
    skipped: byKey(skipReasonCounts(getDb(), id), (r) => r.reason),
  };
}

describe('batch figures kept by triggers', () => {
  beforeEach(() => s().exec('DELETE FROM batch_members; DELETE FROM batch_member_totals;'));

  it('equal the figures grouped from the rows after any writes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        s().exec('DELETE FROM batch_members; DELETE FROM batch_member_totals;');
        for (const o of ops) apply(o);
        for (const id of [1, 2]) expect(fromTotals(id)).toEqual(fromRows(id));
        expect(s().prepare('SELECT count(*) AS n FROM batch_member_totals WHERE members < 0 OR monthly_minor < 0').get()).toEqual(
          { n: 0 },
        );
      }),
      { numRuns: 150 },
    );
  });

  it('are built for the rows a database already holds when the migration runs', () => {
    for (const o of fc.sample(op, { numRuns: 80, seed: 7 })) apply(o);
    const expected = [fromRows(1), fromRows(2)];
    rerunBackfill(s(), '0030_batch_member_totals.sql', 'batch_member_totals');
    expect([fromTotals(1), fromTotals(2)]).toEqual(expected);
  });
});
