import { beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '@/lib/domain/dormancy';
import { getSqlite } from '@/lib/testing/db';
import { insertViewer, memberRow, recordInUnit, resetViewingTables } from '@/lib/testing/views';
import { drizzleFor } from './client';
import { recordViews } from './viewing';
import { VIEW_SQL } from './viewing.sql';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const s = () => getSqlite();

const record = recordInUnit;

const member = insertViewer;
const row = memberRow;

beforeEach(resetViewingTables);

describe('recordViews', () => {
  it('refuses to run outside a unit of work (it opens no transaction of its own)', () => {
    const id = member('OUT', {});
    expect(() =>
      recordViews({ sqlite: s(), db: drizzleFor(s()) }, [{ memberId: id, watchedAt: NOW, title: 'T', seconds: 1 }]),
    ).toThrow(/inside a unit of work/);
    expect(row(id)).toMatchObject({ last_viewed_at: null });
  });

  it('finds a title by name in the name index, not by scanning the catalogue once per name', () => {
    const plan = JSON.stringify(s().prepare(`EXPLAIN QUERY PLAN ${VIEW_SQL.titleByName}`).all('Night Train'));
    expect(plan).toContain('USING COVERING INDEX titles_name_idx');
  });

  it('counts the same event once, keeps the latest view, creates unknown titles once', () => {
    const id = member('A1', { lastViewedAt: NOW - 10 * DAY_MS });
    const e = { memberId: id, watchedAt: NOW - DAY_MS, title: 'Night Train', seconds: 60 };
    expect(record([e, e, { ...e, watchedAt: NOW - 2 * DAY_MS }], { now: NOW })).toEqual({
      inserted: 2,
      duplicates: 1,
      membersBroughtBack: 0,
      titlesCreated: 1,
      cancellationsUndone: 0,
    });
    expect(record([e], { now: NOW })).toMatchObject({ inserted: 0, duplicates: 1 });
    const m = row(id);
    expect(m.last_viewed_at).toBe(NOW - DAY_MS);
    expect(s().prepare('SELECT count(*) AS n FROM titles').get()).toEqual({ n: 1 });
    // An older view does not move last_viewed_at back.
    record([{ ...e, watchedAt: NOW - 5 * DAY_MS, title: 'Other' }], { now: NOW });
    expect(row(id).last_viewed_at).toBe(NOW - DAY_MS);
  });

  it('brings dormant, notified and proposed members back at once; leaves cancelled ones cancelled', () => {
    const ids = ['dormant', 'notified', 'proposed', 'cancelled'].map((st, i) =>
      member(`B${i}`, { status: st, reason: st === 'cancelled' ? null : 'inactive', lastViewedAt: NOW - 800 * DAY_MS }),
    );
    const r = record(
      ids.map((memberId) => ({ memberId, watchedAt: NOW - 3600_000, title: 'T', seconds: 10 })),
      { now: NOW },
    );
    expect(r.membersBroughtBack).toBe(3);
    expect(ids.map((id) => row(id).status)).toEqual(['active', 'active', 'active', 'cancelled']);
    expect(row(ids[0] as number)).toMatchObject({ dormant_reason: null, dormant_since: null, status_changed_at: NOW });
  });

  it('a late-arriving view from years ago is stored but does not wake an inactive member (still dormant by the rule)', () => {
    const id = member('C1', { status: 'dormant', reason: 'inactive', lastViewedAt: NOW - 1000 * DAY_MS });
    const r = record([{ memberId: id, watchedAt: NOW - 900 * DAY_MS, title: 'Old', seconds: 5 }], { now: NOW });
    expect(r).toMatchObject({ inserted: 1, membersBroughtBack: 0 });
    expect(row(id)).toMatchObject({ status: 'dormant', last_viewed_at: NOW - 900 * DAY_MS });
  });

  it('marks campaign recipients reactivated only for views after sending (holdout: assignment) and before the deadline', () => {
    const id = member('D1', { status: 'notified', reason: 'inactive', lastViewedAt: NOW - 800 * DAY_MS });
    const camp = (deadline: number | null) =>
      Number(
        s()
          .prepare(
            `INSERT INTO campaigns (name, status, policy_version_id, segment, seed, deadline_at, created_by, created_at, updated_at) VALUES ('c', 'awaiting_responses', 1, '{}', 1, ?, 1, 0, 0)`,
          )
          .run(deadline).lastInsertRowid,
      );
    const cm = (c: number, status: string, sentAt: number | null, outcome = 'pending', confirmedAt: number | null = null) =>
      Number(
        s()
          .prepare(
            `INSERT INTO campaign_members (campaign_id, member_id, channel, status, assigned_at, sent_at, outcome, confirmed_at) VALUES (?, ?, 'email', ?, ?, ?, ?, ?)`,
          )
          .run(c, id, status, NOW - 20 * DAY_MS, sentAt, outcome, confirmedAt).lastInsertRowid,
      );
    const view = NOW - 5 * DAY_MS;
    const sentBefore = cm(camp(NOW), 'sent', NOW - 10 * DAY_MS);
    const sentAfter = cm(camp(NOW), 'sent', NOW - 2 * DAY_MS);
    const holdout = cm(camp(null), 'holdout', null);
    const pastDeadline = cm(camp(NOW - 6 * DAY_MS), 'sent', NOW - 10 * DAY_MS);
    const confirmed = cm(camp(NOW), 'sent', NOW - 10 * DAY_MS, 'confirmed', NOW - 9 * DAY_MS);
    record([{ memberId: id, watchedAt: view, title: 'T', seconds: 1 }], { now: NOW });
    const get = (cmId: number) =>
      s().prepare('SELECT reactivated_at AS r, outcome AS o FROM campaign_members WHERE id = ?').get(cmId);
    expect(get(sentBefore)).toEqual({ r: view, o: 'reactivated' });
    expect(get(sentAfter)).toEqual({ r: null, o: 'pending' });
    expect(get(holdout)).toEqual({ r: view, o: 'reactivated' });
    expect(get(pastDeadline)).toEqual({ r: null, o: 'pending' });
    expect(get(confirmed)).toEqual({ r: view, o: 'confirmed' });
  });
});

describe('recordViews in bulk', () => {
  it('gives every member of a large mixed batch what one-view-at-a-time rules say (chunk edges, duplicates, old views, campaigns)', () => {
    // Enough members and events to cross the statement chunks (500 members, 256 events) many times.
    const rand = (() => {
      let x = 12345;
      return () => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return x / 2147483648;
      };
    })();
    const statuses = ['active', 'active', 'active', 'dormant', 'notified', 'proposed', 'cancelled'];
    const before = Array.from({ length: 1300 }, (_, i) => {
      const status = statuses[Math.floor(rand() * statuses.length)] as string;
      const lastViewedAt = rand() < 0.2 ? null : NOW - Math.floor(rand() * 1200) * DAY_MS;
      const id = member(`K${i}`, {
        status,
        lastViewedAt,
        reason: status === 'active' || status === 'cancelled' ? null : 'inactive',
      });
      return { id, status, lastViewedAt };
    });
    const events = Array.from({ length: 4000 }, () => {
      const m = before[Math.floor(rand() * before.length)] as (typeof before)[number];
      // Mostly recent views; some from years ago (stored, but they wake nobody).
      const days = rand() < 0.15 ? 800 + Math.floor(rand() * 300) : Math.floor(rand() * 20);
      return {
        memberId: m.id,
        watchedAt: NOW - days * DAY_MS - Math.floor(rand() * 3) * 1000,
        title: `T${Math.floor(rand() * 4)}`,
        seconds: 60,
      };
    });
    const withRepeats = [...events, ...events.slice(0, 300)];
    const r = record(withRepeats, { now: NOW });

    const distinct = new Set(events.map((e) => `${e.memberId}/${e.watchedAt}/${e.title}`));
    expect(r).toMatchObject({ inserted: distinct.size, duplicates: withRepeats.length - distinct.size });
    const viewedBefore = NOW - 730 * DAY_MS; // the default policy's inactivity cut-off, to the day
    let woken = 0;
    for (const m of before) {
      const views = events.filter((e) => e.memberId === m.id).map((e) => e.watchedAt);
      const latest = views.length ? Math.max(...views) : null;
      const moved = latest != null && (m.lastViewedAt == null || latest > m.lastViewedAt);
      const wakes = moved && ['dormant', 'notified', 'proposed'].includes(m.status) && (latest as number) >= viewedBefore;
      if (wakes) woken++;
      expect(row(m.id), `member ${m.id}`).toMatchObject({
        last_viewed_at: moved ? latest : m.lastViewedAt,
        status: wakes ? 'active' : m.status,
      });
    }
    expect(r.membersBroughtBack).toBe(woken);
    expect(woken).toBeGreaterThan(50);
  });
});
