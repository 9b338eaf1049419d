import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getSqlite } from '@/lib/testing/db';
import { seedQueuedCampaign } from '@/lib/testing/delivery/fixtures';
import {
  campaignMemberCounts,
  keepAnswersByVariant,
  leaveReasonsByVariant,
  notReachedByVariant,
  queueSummary,
} from './campaign-reports';
import { getCampaign, getVariants } from './campaigns';

// The campaign report's reads on a small hand-made state. They are prepared once per connection
// (db/prepared.ts), so each call must read its own campaign whatever came before, on any connection.

const bySortKey = <T>(rows: T[]) => [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

function report(sqlite: Database.Database, id: number) {
  return {
    campaign: getCampaign(sqlite, id)?.id,
    variants: getVariants(sqlite, id).map((v) => v.id),
    counts: bySortKey(campaignMemberCounts(sqlite, id)),
    notReached: [...notReachedByVariant(sqlite, id)],
    queue: queueSummary(sqlite, id),
    answers: keepAnswersByVariant(sqlite, id),
    reasons: leaveReasonsByVariant(sqlite, id),
  };
}

describe('campaign report reads', () => {
  it("read each campaign's own rows, however the calls alternate and on any connection", () => {
    const sqlite = getSqlite();
    const a = seedQueuedCampaign(sqlite, { recipients: 6 });
    const b = seedQueuedCampaign(sqlite, { recipients: 3 });
    const v = a.variantId;
    const [a1, a2, a3, a4, a5, a6] = a.recipientIds;
    sqlite.prepare(`UPDATE campaigns SET channel = 'both' WHERE id = ?`).run(a.campaignId);
    const set = sqlite.prepare(
      'UPDATE campaign_members SET status = ?, channel = ?, variant_id = ?, excluded_reason = ?, outcome = ?, offer_accepted = ? WHERE id = ?',
    );
    set.run('sent', 'email', v, null, 'chose_to_leave', 0, a1);
    set.run('sent', 'in_app', v, null, 'confirmed', 0, a2);
    set.run('excluded', 'none', null, 'suppressed', 'pending', 0, a3); // at queueing
    set.run('excluded', 'none', v, null, 'pending', 0, a4); // by delivery, no reason recorded
    set.run('holdout', 'none', null, null, 'pending', 0, a5);
    set.run('sent', 'email', v, null, 'confirmed', 1, a6);
    sqlite.prepare(`UPDATE campaign_members SET bounced_at = 1, bounce_reason = 'Hard bounce' WHERE id = ?`).run(a1);
    const keep = sqlite.prepare('INSERT INTO keep_confirmations (campaign_member_id, confirmed_at) VALUES (?, 1)');
    for (const r of [a1, a2, a6]) keep.run(r);
    const leave = sqlite.prepare(
      `INSERT INTO leave_requests (campaign_member_id, campaign_id, variant_id, member_id, reason, note, requested_at, ends_at,
         price_minor, currency, country, plan) VALUES (?, ?, ?, ?, ?, ?, 1, 2, 1099, 'GBP', 'GB', 'standard')`,
    );
    leave.run(a1, a.campaignId, v, a.memberIds[0], 'too_expensive', 'Too dear');
    leave.run(a2, a.campaignId, v, a.memberIds[1], 'too_expensive', null);
    leave.run(a4, a.campaignId, v, a.memberIds[3], null, null);

    const expectedA = {
      campaign: a.campaignId,
      variants: [v],
      counts: bySortKey([
        { variantId: v, status: 'sent', outcome: 'chose_to_leave', n: 1 },
        { variantId: v, status: 'sent', outcome: 'confirmed', n: 2 },
        { variantId: null, status: 'excluded', outcome: 'pending', n: 1 },
        { variantId: v, status: 'excluded', outcome: 'pending', n: 1 },
        { variantId: null, status: 'holdout', outcome: 'pending', n: 1 },
      ]),
      notReached: [[v, 1]],
      queue: { queuedByChannel: { email: 2, in_app: 1 }, holdout: 1, excluded: { suppressed: 1 }, notSent: { unknown: 1 } },
      answers: [{ variantId: v, kept: 1, offerTaken: 1, choseToLeave: 1 }],
      reasons: [
        { variantId: v, reason: 'too_expensive', n: 2, withNote: 1 },
        { variantId: v, reason: null, n: 1, withNote: 0 },
      ],
    };
    const expectedB = {
      campaign: b.campaignId,
      variants: [b.variantId],
      counts: [{ variantId: b.variantId, status: 'queued', outcome: 'pending', n: 3 }],
      notReached: [],
      queue: { queuedByChannel: { email: 3, in_app: 0 }, holdout: 0, excluded: {}, notSent: {} },
      answers: [],
      reasons: [],
    };
    expect(report(sqlite, a.campaignId)).toEqual(expectedA);
    expect(report(sqlite, b.campaignId)).toEqual(expectedB);
    expect(report(sqlite, a.campaignId)).toEqual(expectedA);

    const other = new Database(sqlite.name, { readonly: true });
    try {
      expect(report(other, b.campaignId)).toEqual(expectedB);
      expect(report(other, a.campaignId)).toEqual(expectedA);
    } finally {
      other.close();
    }
  });

  it('read nothing for a campaign that does not exist', () => {
    expect(report(getSqlite(), 999_999)).toEqual({
      campaign: undefined,
      variants: [],
      counts: [],
      notReached: [],
      queue: { queuedByChannel: { email: 0, in_app: 0 }, holdout: 0, excluded: {}, notSent: {} },
      answers: [],
      reasons: [],
    });
  });
});
