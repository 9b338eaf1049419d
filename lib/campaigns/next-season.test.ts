import type Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/db/audit';
import { proposeBatch } from '@/db/batch-proposal';
import { refreshOutcomes } from '@/db/metrics-refresh';
import { nextSeasonWinBacks } from '@/db/next-season';
import { countSegment } from '@/db/segments';
import { runUnitOfWork } from '@/db/unit-of-work';
import { rejoinMember } from '@/lib/batches/rejoin';
import { importTitlesJson } from '@/lib/catalogue/titles-api';
import { buildMessageFor } from '@/lib/delivery/message';
import { claimNextEmail, markSent } from '@/lib/delivery/sending';
import { EMPTY_SEGMENT } from '@/lib/domain/campaigns/segment';
import { Refusal } from '@/lib/domain/refusal';
import { setWinbackConsent } from '@/lib/members/consent';
import { ensurePolicy } from '@/lib/testing/batches/fixtures';
import { getDb, getSqlite, snapshotDb } from '@/lib/testing/db';
import { createNextSeasonDraft } from './next-season';
import { scheduleCampaign } from './schedule';

// The next-season win-back end to end below the UI: who is invited (against an SQL recomputation),
// what they are sent, which rejoins are attributed to it (day 60 in, day 61 out), and that its
// recipients never enter a cancellation batch.

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 1, 9);
const s = () => getSqlite();
const actor: Actor = { id: 1, label: 'cx@test' };
const uow = <T>(at: number, work: Parameters<typeof runUnitOfWork<T>>[3]) => runUnitOfWork(s(), actor, at, work);
const titleId = (name: string) => s().prepare('SELECT id FROM titles WHERE name = ?').pluck().get(name) as number;

type Spec = {
  status?: 'cancelled' | 'dormant' | 'active';
  source?: 'batch' | 'member_request';
  watched?: string[];
  recent?: boolean;
  consent?: boolean;
  leaveReason?: string;
};
const ids: Record<string, number> = {};
function member(key: string, m: Spec) {
  const status = m.status ?? 'cancelled';
  const cancelled = status === 'cancelled';
  const id = Number(
    s()
      .prepare(
        `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at,
           status, status_changed_at, cancelled_at, cancelled_batch_id, cancellation_source, retention_until, winback_consent)
         VALUES (?, ?, ?, 'GB', 'standard', 1099, 'GBP', 0, ?, ?, 0, ?, ?, ?, ?, ?)`,
      )
      .run(
        `NS-${key}`,
        `${key.toLowerCase()}@example.com`,
        `Member ${key}`,
        NOW - 500 * DAY,
        status,
        cancelled ? NOW - 20 * DAY : null,
        cancelled && (m.source ?? 'batch') === 'batch' ? 77 : null,
        cancelled ? (m.source ?? 'batch') : null,
        cancelled ? NOW + 400 * DAY : null,
        m.consent === false ? 0 : 1,
      ).lastInsertRowid,
  );
  for (const t of m.watched ?? [])
    s()
      .prepare(
        `INSERT INTO ${m.recent ? 'viewing_events_recent' : 'viewing_events'} (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, ?, 2700)`,
      )
      .run(id, NOW - 500 * DAY, titleId(t));
  if (m.leaveReason)
    s()
      .prepare(
        `INSERT INTO leave_requests (campaign_member_id, campaign_id, member_id, reason, requested_at, ends_at, cancelled_at, price_minor, currency, country, plan)
         VALUES (?, 1, ?, ?, ?, ?, ?, 1099, 'GBP', 'GB', 'standard')`,
      )
      .run(100_000 + id, id, m.leaveReason, NOW - 60 * DAY, NOW - 30 * DAY, NOW - 30 * DAY);
  ids[key] = id;
}

/** The rule written again as plain SQL, apart from the segment builder's statement. */
function recomputedSegment(newSeason: number): number[] {
  return s()
    .prepare(
      `SELECT DISTINCT m.id FROM members m
       JOIN (SELECT member_id, title_id FROM viewing_events UNION ALL SELECT member_id, title_id FROM viewing_events_recent) v ON v.member_id = m.id
       JOIN titles t ON t.id = v.title_id JOIN titles n ON n.id = ? AND n.series = t.series AND t.season < n.season
       WHERE m.status = 'cancelled' AND m.cancellation_source = 'batch' AND m.winback_consent = 1
         AND m.id NOT IN (SELECT member_id FROM leave_requests WHERE reason = 'not_watching')
       ORDER BY m.id`,
    )
    .pluck()
    .all(newSeason) as number[];
}

describe('next-season win-back', () => {
  let season3: number;
  beforeAll(() => {
    ensurePolicy(s(), NOW - 900 * DAY);
    importTitlesJson(
      s(),
      {
        titles: [
          { name: 'Saga: Season 1', kind: 'series', series: 'Saga', season: 1 },
          { name: 'Saga: Season 2', kind: 'series', series: 'Saga', season: 2 },
          { name: 'Saga: Season 3', kind: 'series', series: 'Saga', season: 3 },
          { name: 'Other: Season 1', kind: 'series', series: 'Other', season: 1 },
        ],
      },
      NOW,
    );
    season3 = titleId('Saga: Season 3');
    member('WATCHED_S1', { watched: ['Saga: Season 1'] });
    member('WATCHED_S2_RECENT', { watched: ['Saga: Season 2'], recent: true });
    member('TOO_EXPENSIVE', { watched: ['Saga: Season 1'], leaveReason: 'too_expensive' });
    member('WATCHED_S1_B', { watched: ['Saga: Season 1', 'Saga: Season 2'] });
    member('OPTED_OUT', { watched: ['Saga: Season 1'], consent: false });
    member('LEFT_NOT_WATCHING', { watched: ['Saga: Season 1'], leaveReason: 'not_watching' });
    member('OWN_REQUEST', { watched: ['Saga: Season 1'], source: 'member_request' });
    member('OTHER_SERIES', { watched: ['Other: Season 1'] });
    member('SAME_SEASON', { watched: ['Saga: Season 3'] });
    member('DORMANT', { status: 'dormant', watched: ['Saga: Season 1'] });
  });

  it('takes cancelled-by-batch viewers of an earlier season who consent and did not leave for not watching, as SQL recomputes', () => {
    const expected = ['WATCHED_S1', 'WATCHED_S2_RECENT', 'TOO_EXPENSIVE', 'WATCHED_S1_B']
      .map((k) => ids[k])
      .sort((a, b) => a! - b!);
    expect(recomputedSegment(season3)).toEqual(expected);
    expect(countSegment(s(), { ...EMPTY_SEGMENT, nextSeasonTitleId: season3 }, NOW)).toBe(4);
    // Season 2's earlier season is season 1 alone.
    expect(countSegment(s(), { ...EMPTY_SEGMENT, nextSeasonTitleId: titleId('Saga: Season 2') }, NOW)).toBe(
      recomputedSegment(titleId('Saga: Season 2')).length,
    );
  });

  it('refuses a first season, changing nothing', () => {
    const before = snapshotDb();
    expect(() => uow(NOW, (u) => createNextSeasonDraft(u, titleId('Saga: Season 1'), 7))).toThrow(/no earlier season/);
    expect(() => uow(NOW, (u) => createNextSeasonDraft(u, titleId('Other: Season 1'), 7))).toThrow(Refusal);
    expect(snapshotDb()).toBe(before);
  });

  let campaignId: number;
  const sentAt = NOW + DAY;
  it('builds a draft in one step, sends it without a keep link, and skips a recipient who opted out since queueing', () => {
    campaignId = uow(NOW, (u) => createNextSeasonDraft(u, season3, 7));
    uow(sentAt, (u) => scheduleCampaign(u, campaignId, { sendAt: null, deadlineAt: null }));
    const assigned = s()
      .prepare('SELECT member_id FROM campaign_members WHERE campaign_id = ? ORDER BY member_id')
      .pluck()
      .all(campaignId);
    expect(assigned).toEqual(recomputedSegment(season3));
    uow(sentAt, (u) => setWinbackConsent(u, 'NS-TOO_EXPENSIVE', false));
    const build = (sqlite: Database.Database, id: number) => buildMessageFor(sqlite, id, sentAt);
    const bodies: string[] = [];
    for (;;) {
      const r = claimNextEmail(s(), build, { at: sentAt, leaseMs: 60_000, minIntervalMs: 0 });
      if (r.kind !== 'claimed') break;
      bodies.push(r.item.message.text);
      markSent(s(), r.item.campaignMemberId, sentAt, '250 ok');
    }
    expect(bodies.length).toBeGreaterThan(0);
    for (const b of bodies) {
      expect(b).toContain('Season 3 has just arrived');
      expect(b).not.toContain('/keep/');
    }
    const optedOut = s()
      .prepare('SELECT status, excluded_reason AS reason FROM campaign_members WHERE campaign_id = ? AND member_id = ?')
      .get(campaignId, ids.TOO_EXPENSIVE) as { status: string; reason: string | null };
    expect(optedOut).toEqual({ status: 'excluded', reason: 'no_consent' });
  });

  it('attributes a rejoin on day 60 after the message, not on day 61, and the overview count equals SQL', () => {
    const sent = s()
      .prepare("SELECT member_id FROM campaign_members WHERE campaign_id = ? AND status = 'sent' ORDER BY member_id")
      .pluck()
      .all(campaignId) as number[];
    expect(sent.length).toBeGreaterThanOrEqual(2);
    const [inWindow, outOfWindow] = sent as [number, number];
    const day60 = sentAt + 60 * DAY;
    const day61 = sentAt + 61 * DAY;
    uow(day60, (u) => rejoinMember(u, { memberId: inWindow }, { rejoinedAt: day60, source: 'api' }));
    uow(day61, (u) => rejoinMember(u, { memberId: outOfWindow }, { rejoinedAt: day61, source: 'api' }));
    const attributed = s().prepare('SELECT member_id, next_season_campaign_id AS c FROM rejoins ORDER BY member_id').all();
    expect(attributed).toEqual([
      { member_id: inWindow, c: campaignId },
      { member_id: outOfWindow, c: null },
    ]);
    const recomputed = s()
      .prepare(
        `SELECT count(*) FROM rejoins r WHERE EXISTS (
           SELECT 1 FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
           WHERE cm.member_id = r.member_id AND cm.sent_at IS NOT NULL AND cm.bounced_at IS NULL
             AND c.segment LIKE '%"nextSeasonTitleId":%' AND c.segment NOT LIKE '%"nextSeasonTitleId":null%'
             AND r.rejoined_at BETWEEN cm.sent_at AND cm.sent_at + 60 * 86400000)`,
      )
      .pluck()
      .get();
    expect(recomputed).toBe(1);
    expect(nextSeasonWinBacks(getDb(), 0)).toEqual({ ever: 1, sinceStart: 1 });
    expect(nextSeasonWinBacks(getDb(), day60 + 1)).toEqual({ ever: 1, sinceStart: 0 });
  });

  it('stays out of the last-chance outcome figures, whose recipients a win-back would count as not won back', () => {
    const recipients = s().prepare('SELECT count(*) FROM campaign_members WHERE campaign_id = ?').pluck().get(campaignId);
    expect(recipients).toBeGreaterThan(0);
    refreshOutcomes(s(), NOW + 70 * DAY);
    const rows = s().prepare('SELECT count(*) FROM metrics_campaign_outcomes WHERE campaign_id = ?').pluck().get(campaignId);
    expect(rows).toBe(0);
  });

  it('never proposes its recipients for cancellation, even one dormant again after rejoining', () => {
    const [rejoined] = s().prepare('SELECT member_id FROM rejoins ORDER BY member_id').pluck().all() as number[];
    s()
      .prepare(
        "UPDATE members SET status = 'dormant', dormant_reason = 'inactive', dormant_since = 0, last_viewed_at = ? WHERE id = ?",
      )
      .run(NOW - 1000 * DAY, rejoined);
    s().prepare("UPDATE campaigns SET status = 'closed', closed_at = deadline_at WHERE id = ?").run(campaignId);
    const deadline = s().prepare('SELECT deadline_at FROM campaigns WHERE id = ?').pluck().get(campaignId) as number;
    const before = snapshotDb();
    expect(uow(deadline + DAY, (u) => proposeBatch(u.tx, campaignId, deadline + DAY))).toBeNull();
    expect(snapshotDb()).toBe(before);
  });
});
