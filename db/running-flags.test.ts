import { beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '@/lib/campaigns/drafts';
import { flagRunningChunk as flagChunk, flagRunningMembers, flagRunningMembersSoon } from '@/lib/campaigns/running-flags';
import { cancelCampaign, scheduleCampaign } from '@/lib/campaigns/schedule';
import { DEFAULT_VARIANTS } from '@/lib/domain/campaigns/draft';
import { EMPTY_SEGMENT, type SegmentFilters } from '@/lib/domain/campaigns/segment';
import { getSqlite } from '@/lib/testing/db';
import type { Actor } from './audit';
import { unflaggedRunning } from './running-flags';
import { countSegment, currentPolicyRow, runningCampaigns, segmentSql } from './segments';
import { runUnitOfWork } from './unit-of-work';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12);
const cx: Actor = { id: 1, label: 'cx@rekindle.local' };

// A deterministic population: three countries, two plans, both reasons, a few suppressed.
beforeAll(() => {
  const sqlite = getSqlite();
  sqlite.exec(`INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at)
               VALUES (365, 730, 30, 300, 'system', 0)`);
  const insert = sqlite.prepare(
    `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at,
       status, status_changed_at, dormant_reason, dormant_since)
     VALUES (?, ?, 'M', ?, ?, ?, 'EUR', ?, ?, ?, 0, ?, 0)`,
  );
  for (let i = 0; i < 1200; i++) {
    const never = i % 5 === 0;
    const status = i % 9 === 0 ? 'active' : 'dormant';
    insert.run(
      `rf-${i}`,
      `rf${i}@example.com`,
      ['DE', 'FR', 'NL'][i % 3],
      i % 2 ? 'basic' : 'premium',
      i % 2 ? 799 : 1799,
      NOW - (1500 + (i % 300)) * DAY,
      never ? null : NOW - (740 + (i % 400)) * DAY,
      status,
      status === 'active' ? null : never ? 'never_watched' : 'inactive',
    );
  }
  sqlite.exec(
    `INSERT INTO suppressions (member_id, reason, added_by, added_at) SELECT id, 'asked', 'cx', 0 FROM members WHERE id % 17 = 0`,
  );
});

const filters: SegmentFilters[] = [
  EMPTY_SEGMENT,
  { ...EMPTY_SEGMENT, countries: ['DE'] },
  { ...EMPTY_SEGMENT, countries: ['FR', 'NL'], plans: ['basic'] },
  { ...EMPTY_SEGMENT, reasons: ['inactive'], minMonthsDormant: 6 },
  { ...EMPTY_SEGMENT, priceCurrency: 'EUR', minPriceMinor: 1000, maxPriceMinor: 2000 },
];

/** The count by its definition: the segment's own WHERE (running campaigns by NOT IN) minus suppressed members. */
function reference(f: SegmentFilters) {
  const sqlite = getSqlite();
  const q = segmentSql(f, currentPolicyRow(sqlite), NOW);
  return (
    sqlite
      .prepare(`SELECT count(*) AS n FROM members m WHERE ${q.where} AND m.id NOT IN (SELECT member_id FROM suppressions)`)
      .get(q.params) as { n: number }
  ).n;
}

const expectCountsAsDefined = (label: string) => {
  for (const f of filters) expect(countSegment(getSqlite(), f, NOW), `${label}: ${JSON.stringify(f)}`).toBe(reference(f));
};

const schedule = (countries: string[]) => {
  const sqlite = getSqlite();
  const id = runUnitOfWork(sqlite, cx, NOW, (uow) =>
    createDraft(
      uow,
      {
        name: `c ${countries}`,
        channel: 'both',
        defaultLanguage: 'en',
        holdoutPct: 20,
        segment: { ...EMPTY_SEGMENT, countries },
        variants: DEFAULT_VARIANTS,
      },
      7,
    ),
  );
  runUnitOfWork(sqlite, cx, NOW, (uow) => scheduleCampaign(uow, id, { sendAt: NOW + DAY, deadlineAt: null }));
  return id;
};

describe('the live count with running campaigns flagged, half-flagged or not at all', () => {
  it('always equals the count by definition, and the flagged part leaves the running campaign out', async () => {
    const sqlite = getSqlite();
    expectCountsAsDefined('no campaign');
    const de = schedule(['DE']);
    const fr = schedule(['FR']);
    expect(runningCampaigns(sqlite)).toEqual({ flagged: [], unflagged: [de, fr] });
    expectCountsAsDefined('both unflagged');

    flagChunk(sqlite, de, 0, NOW, 50); // part of one campaign
    expectCountsAsDefined('one half-flagged');
    flagRunningMembers(sqlite, de, NOW, 50);
    expect(runningCampaigns(sqlite)).toEqual({ flagged: [de], unflagged: [fr] });
    expectCountsAsDefined('one flagged, one not');
    expect(countSegment(sqlite, { ...EMPTY_SEGMENT, countries: ['DE'] }, NOW)).toBe(0);

    await flagRunningMembersSoon(sqlite, () => NOW);
    expect(unflaggedRunning(sqlite)).toEqual([]);
    expectCountsAsDefined('both flagged');

    // After flagging: a recipient views (active again), another is suppressed, a third confirms "keep".
    const [a, b] = sqlite
      .prepare(`SELECT member_id FROM campaign_members WHERE campaign_id = ? AND status <> 'excluded' ORDER BY member_id LIMIT 2`)
      .pluck()
      .all(fr) as number[];
    sqlite.prepare(`UPDATE members SET status = 'active', last_viewed_at = ? WHERE id = ?`).run(NOW - DAY, a);
    sqlite.prepare(`INSERT INTO suppressions (member_id, reason, added_by, added_at) VALUES (?, 'asked', 'cx', 0)`).run(b);
    expectCountsAsDefined('changes after flagging');

    // A cancelled campaign's flags are stale: its members are back in every segment.
    runUnitOfWork(sqlite, cx, NOW, (uow) => cancelCampaign(uow, de));
    expectCountsAsDefined('stale flags');
    expect(countSegment(sqlite, { ...EMPTY_SEGMENT, countries: ['DE'] }, NOW)).toBeGreaterThan(100);

    // A new campaign over the same members: unflagged beside the stale flags, then flagged over them.
    const de2 = schedule(['DE']);
    expectCountsAsDefined('new campaign over stale flags');
    flagRunningMembers(sqlite, de2, NOW);
    expectCountsAsDefined('new campaign flagged');
    expect(countSegment(sqlite, { ...EMPTY_SEGMENT, countries: ['DE'] }, NOW)).toBe(0);
  });

  it('flags nothing for a campaign that stopped running, so a newer running campaign keeps its flags', () => {
    const sqlite = getSqlite();
    const nl = schedule(['NL']);
    runUnitOfWork(sqlite, cx, NOW, (uow) => cancelCampaign(uow, nl));
    const before = sqlite.prepare('SELECT count(*) AS n FROM members WHERE running_campaign_id = ?').get(nl);
    expect(flagChunk(sqlite, nl, 0, NOW)).toBeNull();
    expect(sqlite.prepare('SELECT count(*) AS n FROM members WHERE running_campaign_id = ?').get(nl)).toEqual(before);
    expect(sqlite.prepare('SELECT members_flagged_at AS f FROM campaigns WHERE id = ?').get(nl)).toEqual({ f: null });
  });
});
