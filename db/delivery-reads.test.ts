import { describe, expect, it } from 'vitest';
import { buildMessageFor } from '@/lib/delivery/message';
import { publishInApp } from '@/lib/delivery/sending';
import { deliveryRowLabel } from '@/lib/domain/delivery/format';
import { getSqlite } from '@/lib/testing/db';
import { seedQueuedCampaign } from '@/lib/testing/delivery/fixtures';
import { drizzleFor } from './client';
import { INTERRUPTED_REASON } from './delivery';
import { deliveryCounts, deliveryPanel, failedRecipients, outboxPage } from './delivery-reads';
import { countSuppressions, insertSuppression, listSuppressions } from './suppressions';

// The delivery panel's, the outbox's and the suppression list's reads, on tiny hand-made states.

describe('delivery reads', () => {
  it('counts recipients per channel and status (holdout left out), interrupted among the failed', () => {
    const sqlite = getSqlite();
    const db = drizzleFor(sqlite);
    const c = seedQueuedCampaign(sqlite, { recipients: 5 });
    const [a, b, d, h, e] = c.recipientIds;
    const set = sqlite.prepare('UPDATE campaign_members SET status = ?, failed_reason = ? WHERE id = ?');
    set.run('sent', null, a);
    set.run('failed', '550 no such user', b);
    set.run('failed', INTERRUPTED_REASON, d);
    set.run('holdout', null, h);
    set.run('sent', null, e);
    sqlite.prepare(`UPDATE campaign_members SET bounced_at = 1, bounce_reason = 'Hard bounce: 550' WHERE id = ?`).run(e);
    const counts = deliveryCounts(db, c.campaignId);
    expect(counts.campaign).toMatchObject({ id: c.campaignId, status: 'sending' });
    expect(counts.byChannel).toEqual([
      { channel: 'email', excludedReason: null, queued: 0, sending: 0, sent: 2, notReached: 1, failed: 2, excluded: 0, total: 4 },
    ]);
    expect(counts.interrupted).toBe(1);
    expect(failedRecipients(db, c.campaignId, 1).map((f) => [f.id, f.reason])).toEqual([[b, '550 no such user']]);
    expect(deliveryPanel(db, c.campaignId).failed.map((f) => f.id)).toEqual([b, d]);
    expect(deliveryPanel(db, c.campaignId).notReached.map((f) => [f.id, f.reason])).toEqual([[e, 'Hard bounce: 550']]);
    expect(deliveryCounts(db, 999_999)).toEqual({ campaign: null, byChannel: [], interrupted: 0 });
  });

  it('lists members never sent to apart, one row per exclusion reason, named by it', () => {
    const sqlite = getSqlite();
    const c = seedQueuedCampaign(sqlite, { recipients: 4 });
    const [a, b, d] = c.recipientIds;
    const exclude = sqlite.prepare(
      `UPDATE campaign_members SET status = 'excluded', channel = 'none', excluded_reason = ? WHERE id = ?`,
    );
    exclude.run('suppressed', a);
    exclude.run('suppressed', b);
    exclude.run('frequency_cap', d);
    const rows = deliveryCounts(drizzleFor(sqlite), c.campaignId).byChannel;
    expect(rows.map((r) => [deliveryRowLabel(r.channel, r.excludedReason), r.excluded, r.queued])).toEqual([
      ['Email', 0, 1],
      ['Not sent: contacted recently (frequency cap)', 1, 0],
      ['Not sent: suppressed', 2, 0],
    ]);
  });

  it('lists a campaign panel without failures with no failed rows', () => {
    const c = seedQueuedCampaign(getSqlite(), { recipients: 2 });
    expect(deliveryPanel(drizzleFor(getSqlite()), c.campaignId).failed).toEqual([]);
  });

  it('pages the outbox newest recipient first by keyset', () => {
    const sqlite = getSqlite();
    const db = drizzleFor(sqlite);
    const c = seedQueuedCampaign(sqlite, { recipients: 3, channel: 'in_app' });
    expect(publishInApp(sqlite, (s, id) => buildMessageFor(s, id), Date.now())).toBeGreaterThanOrEqual(3);
    const [r1, r2, r3] = c.recipientIds;
    const first = outboxPage(db, c.campaignId, null, 2);
    expect(first.map((m) => m.recipientId)).toEqual([r3, r2]);
    expect(first[0]).toMatchObject({ channel: 'in_app', to: null, status: 'sending', deliveredAt: null });
    expect(outboxPage(db, c.campaignId, r2!, 2).map((m) => m.recipientId)).toEqual([r1]);
  });
});

describe('suppression list reads', () => {
  it('lists newest first with a (added_at, member_id) keyset cursor, and finds one account', () => {
    const sqlite = getSqlite();
    const db = drizzleFor(sqlite);
    const c = seedQueuedCampaign(sqlite, { recipients: 3 });
    const [m1, m2, m3] = c.memberIds as [number, number, number];
    const before = countSuppressions(db);
    insertSuppression(db, { memberId: m1, reason: 'a', addedBy: 't', addedAt: 9e12 });
    insertSuppression(db, { memberId: m2, reason: 'b', addedBy: 't', addedAt: 9e12 });
    insertSuppression(db, { memberId: m3, reason: 'c', addedBy: 't', addedAt: 9e12 + 1 });
    expect(insertSuppression(db, { memberId: m3, reason: 'again', addedBy: 't', addedAt: 9e12 + 2 })).toBe(false);
    expect(countSuppressions(db)).toBe(before + 3);
    const page = listSuppressions(db, { limit: 2 });
    expect(page.map((s) => [s.memberId, s.reason])).toEqual([
      [m3, 'c'],
      [m2, 'b'],
    ]);
    expect(listSuppressions(db, { limit: 2, before: { addedAt: 9e12, memberId: m2 } })[0]?.memberId).toBe(m1);
    const account = sqlite.prepare('SELECT account_id AS a FROM members WHERE id = ?').pluck().get(m1) as string;
    expect(listSuppressions(db, { limit: 5, accountId: account })).toEqual([
      { memberId: m1, accountId: account, reason: 'a', addedBy: 't', addedAt: 9e12 },
    ]);
  });
});
