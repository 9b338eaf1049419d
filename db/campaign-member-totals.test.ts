import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { OUTCOMES, RECIPIENT_STATUSES } from '@/lib/domain/values';
import { getSqlite } from '@/lib/testing/db';
import { rerunBackfill } from '@/lib/testing/migration-backfill';
import { campaignMemberCounts } from './campaign-reports';
import { recipientsByStatus } from './campaigns';

// The recipient counts read from campaign_member_totals (kept by the triggers of migration 0033)
// against the same counts grouped from the campaign's own rows, after generated inserts, status and
// outcome changes, variant and campaign moves, no-op updates and deletions — the writes queueing,
// sending, bounces, answers, views, closing and erasure make.

const s = () => getSqlite();

type Op =
  | { kind: 'insert'; campaign: number; member: number; variant: number | null; status: string; outcome: string }
  | { kind: 'status'; campaign: number; member: number; status: string }
  | { kind: 'outcome'; campaign: number; member: number; outcome: string }
  | { kind: 'move'; campaign: number; member: number; variant: number | null; to: number }
  | { kind: 'same'; campaign: number; member: number }
  | { kind: 'delete'; campaign: number; member: number };

const campaign = fc.integer({ min: 1, max: 2 });
const member = fc.integer({ min: 1, max: 12 });
const variant = fc.constantFrom(null, 1, 2);
const status = fc.constantFrom(...RECIPIENT_STATUSES);
const outcome = fc.constantFrom(...OUTCOMES);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), campaign, member, variant, status, outcome }),
  fc.record({ kind: fc.constant('status' as const), campaign, member, status }),
  fc.record({ kind: fc.constant('outcome' as const), campaign, member, outcome }),
  fc.record({ kind: fc.constant('move' as const), campaign, member, variant, to: campaign }),
  fc.record({ kind: fc.constant('same' as const), campaign, member }),
  fc.record({ kind: fc.constant('delete' as const), campaign, member }),
);

function apply(o: Op) {
  const where = 'WHERE campaign_id = ? AND member_id = ?';
  if (o.kind === 'insert')
    s()
      .prepare(
        `INSERT OR IGNORE INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, outcome)
         VALUES (?, ?, ?, 'email', ?, 0, ?)`,
      )
      .run(o.campaign, o.member, o.variant, o.status, o.outcome);
  else if (o.kind === 'status')
    s().prepare(`UPDATE campaign_members SET status = ? ${where}`).run(o.status, o.campaign, o.member);
  else if (o.kind === 'outcome')
    s().prepare(`UPDATE campaign_members SET outcome = ? ${where}`).run(o.outcome, o.campaign, o.member);
  else if (o.kind === 'move')
    s()
      .prepare(`UPDATE OR IGNORE campaign_members SET variant_id = ?, campaign_id = ? ${where}`)
      .run(o.variant, o.to, o.campaign, o.member);
  else if (o.kind === 'same')
    s()
      .prepare(`UPDATE campaign_members SET status = status, outcome = outcome, attempts = attempts + 1 ${where}`)
      .run(o.campaign, o.member);
  else s().prepare(`DELETE FROM campaign_members ${where}`).run(o.campaign, o.member);
}

const order = (rows: { variantId: number | null; status: string; outcome: string }[]) =>
  [...rows].sort((a, b) => (`${a.variantId}|${a.status}|${a.outcome}` < `${b.variantId}|${b.status}|${b.outcome}` ? -1 : 1));

/** The counts of one campaign grouped from its rows: what the totals must equal. */
function fromRows(id: number) {
  return {
    counts: order(
      s()
        .prepare(
          `SELECT variant_id AS variantId, status, outcome, count(*) AS n FROM campaign_members WHERE campaign_id = ?
           GROUP BY variant_id, status, outcome`,
        )
        .all(id) as { variantId: number | null; status: string; outcome: string }[],
    ),
    byStatus: s()
      .prepare('SELECT status, count(*) AS n FROM campaign_members WHERE campaign_id = ? GROUP BY status ORDER BY status')
      .all(id),
  };
}

function fromTotals(id: number) {
  return {
    counts: order(campaignMemberCounts(s(), id)),
    byStatus: [...recipientsByStatus(s(), id)].sort((a, b) => (a.status < b.status ? -1 : 1)),
  };
}

describe('campaign recipient counts kept by triggers', () => {
  beforeEach(() => s().exec('DELETE FROM campaign_members; DELETE FROM campaign_member_totals;'));

  it('equal the counts grouped from the rows after any writes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        s().exec('DELETE FROM campaign_members; DELETE FROM campaign_member_totals;');
        for (const o of ops) apply(o);
        for (const id of [1, 2]) expect(fromTotals(id)).toEqual(fromRows(id));
        expect(s().prepare('SELECT count(*) AS n FROM campaign_member_totals WHERE members < 0').get()).toEqual({ n: 0 });
      }),
      { numRuns: 150 },
    );
  });

  it('are built for the rows a database already holds when the migration runs', () => {
    for (const o of fc.sample(op, { numRuns: 80, seed: 7 })) apply(o);
    const expected = [fromRows(1), fromRows(2)];
    rerunBackfill(s(), '0033_campaign_member_totals.sql', 'campaign_member_totals');
    expect([fromTotals(1), fromTotals(2)]).toEqual(expected);
  });
});
