import { beforeAll, describe, expect, it } from 'vitest';
import { parseOverviewFilters } from '@/lib/domain/metrics/filters';
import { loadOverview } from '@/lib/overview/overview';
import { getSqlite } from '@/lib/testing/db';
import { API_ACTOR } from './audit';
import { refreshOverviewAggregates } from './metrics-refresh';
import { seedPolicy } from './seed/policy';
import { runUnitOfWork } from './unit-of-work';
import { recordViews } from './viewing';

// An undone cancellation counts as never cancelled: out of the members cancelled, forgone revenue,
// rejoins and the rejoin rate, and counted on its own card. Worked by hand on 15 June 2025 (UTC).
const AT = Date.parse('2025-06-15T12:00:00Z');
const CANCELLED = Date.parse('2025-06-10T10:00:00Z');
const h = (iso: string) => Date.parse(iso);

beforeAll(() => {
  const db = getSqlite();
  db.exec(`DELETE FROM members; DELETE FROM batches; DELETE FROM batch_members; DELETE FROM rejoins; DELETE FROM campaigns;
    DELETE FROM campaign_members; DELETE FROM viewing_events; DELETE FROM viewing_events_recent; DELETE FROM policy_versions;`);
  seedPolicy({ sqlite: db, now: AT, members: 0, rng: Math.random, log: () => {} }); // retention 300 days
  const member = db.prepare(
    `INSERT INTO members (id, account_id, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at,
       dormant_reason, dormant_since, cancelled_at, cancelled_batch_id, retention_until)
     VALUES (?, ?, 'US', 'basic', ?, 'USD', 0, ?, 'cancelled', ?, 'inactive', ?, ?, ?, ?)`,
  );
  const lastSeen = h('2023-01-02T08:00:00Z');
  const since = h('2023-01-02T00:00:00Z') + 730 * 86_400_000;
  const retain = CANCELLED + 300 * 86_400_000;
  // 1, 2, 3 cancelled by batch 1; 4 left by choice (no batch).
  member.run(1, 'L1', 1000, lastSeen, CANCELLED, since, CANCELLED, 1, retain);
  member.run(2, 'L2', 2000, lastSeen, CANCELLED, since, CANCELLED, 1, retain);
  member.run(3, 'L3', 4000, lastSeen, CANCELLED, since, CANCELLED, 1, retain);
  member.run(4, 'L4', 8000, lastSeen, CANCELLED, since, CANCELLED, null, retain);
  db.prepare(
    `INSERT INTO batches (id, campaign_id, policy_version_id, status, proposed_at, executed_at) VALUES (1, 1, 1, 'executed', ?, ?)`,
  ).run(CANCELLED - 86_400_000, CANCELLED);
  const bm = db.prepare(
    `INSERT INTO batch_members (batch_id, member_id, campaign_member_id, state, price_minor, currency, country, plan, decided_at)
     VALUES (1, ?, ?, 'cancelled', ?, 'USD', 'US', 'basic', ?)`,
  );
  for (const [id, price] of [
    [1, 1000],
    [2, 2000],
    [3, 4000],
  ] as const)
    bm.run(id, id, price, CANCELLED);
  // 1 watched the day before the cancellation (undone); 2 after it (stays cancelled: a rejoin would
  // be the way back); 4 before it, but left by choice. 3 sent nothing.
  runUnitOfWork(db, API_ACTOR, AT, ({ tx, actor }) =>
    recordViews(
      tx,
      [
        { memberId: 1, watchedAt: h('2025-06-09T21:00:00Z'), title: 'T', seconds: 60 },
        { memberId: 2, watchedAt: h('2025-06-11T21:00:00Z'), title: 'T', seconds: 60 },
        { memberId: 4, watchedAt: h('2025-06-09T21:00:00Z'), title: 'T', seconds: 60 },
      ],
      { now: AT, actor },
    ),
  );
  refreshOverviewAggregates(db, AT);
});

describe('overview with a cancellation undone by a late view', () => {
  const ctx = { today: '2025-06-15', countries: ['US'], plans: ['basic'] };
  it('counts it on its own, as the database says, and never as cancelled, forgone or rejoined', () => {
    const { filters } = parseOverviewFilters({}, ctx);
    const c = loadOverview(getSqlite(), filters, AT).cards;
    const sqlCount = getSqlite().prepare(`SELECT count(*) FROM batch_members WHERE state = 'undone'`).pluck().get();
    expect(c.cancellationsUndone).toBe(sqlCount);
    expect(c.cancellationsUndone).toBe(1);
    // Members 2 and 3 stay cancelled: $20 + $40 forgone this month; nobody rejoined.
    expect([c.cancelledEver, c.cancelledThisYear, c.forgoneMonthUsd, c.rejoinedEver]).toEqual([2, 2, 6000, 0]);
    // Only member 1 is a member again; 4 left by choice and stays cancelled.
    expect(getSqlite().prepare(`SELECT id FROM members WHERE status <> 'cancelled'`).pluck().all()).toEqual([1]);
  });
  it('scopes the count by the filters', () => {
    const { filters } = parseOverviewFilters({ country: 'US' }, { ...ctx, countries: ['GB', 'US'] });
    expect(loadOverview(getSqlite(), filters, AT).cards.cancellationsUndone).toBe(1);
    const gb = parseOverviewFilters({ country: 'GB' }, { ...ctx, countries: ['GB', 'US'] }).filters;
    expect(loadOverview(getSqlite(), gb, AT).cards.cancellationsUndone).toBe(0);
  });
});
