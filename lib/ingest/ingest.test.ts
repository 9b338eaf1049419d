import { beforeEach, describe, expect, it } from 'vitest';
import { recordViews, VIEW_SQL } from '@/db/viewing';
import { DAY_MS } from '@/lib/domain/dormancy';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import { ingestEventsJson } from './events-api';
import { importEventsCsv } from './events-csv';
import { importMembersCsv } from './members-csv';
import { MAX_UPLOAD_BYTES } from './read-csv';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const ACTOR = { id: null, label: 'test@rekindle.local' };
const s = () => getSqlite();

async function* stream(text: string, chunk = 7) {
  const b = Buffer.from(text);
  for (let i = 0; i < b.length; i += chunk) yield b.subarray(i, i + chunk);
}

function member(
  account: string,
  m: { status?: string; joinedAt?: number; lastViewedAt?: number | null; reason?: string | null },
) {
  return Number(
    s()
      .prepare(
        `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at, dormant_reason, dormant_since)
         VALUES (?, ?, 'X', 'GB', 'standard', 999, 'GBP', ?, ?, ?, 0, ?, ?)`,
      )
      .run(
        account,
        `${account}@example.com`,
        m.joinedAt ?? Date.parse('2020-01-01T00:00:00Z'),
        m.lastViewedAt ?? null,
        m.status ?? 'active',
        m.reason ?? null,
        m.reason ? 1 : null,
      ).lastInsertRowid,
  );
}
const row = (id: number) => s().prepare('SELECT * FROM members WHERE id = ?').get(id) as Record<string, unknown>;

beforeEach(() => {
  s().exec(`DELETE FROM viewing_events; DELETE FROM viewing_events_recent; DELETE FROM campaign_members; DELETE FROM campaigns; DELETE FROM members; DELETE FROM titles; DELETE FROM policy_versions;
    INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'test', 0);`);
});

describe('recordViews', () => {
  it('finds a title by name in the name index, not by scanning the catalogue once per name', () => {
    const plan = JSON.stringify(s().prepare(`EXPLAIN QUERY PLAN ${VIEW_SQL.titleByName}`).all('Night Train'));
    expect(plan).toContain('USING COVERING INDEX titles_name_idx');
  });

  it('counts the same event once, keeps the latest view, creates unknown titles once', () => {
    const id = member('A1', { lastViewedAt: NOW - 10 * DAY_MS });
    const e = { memberId: id, watchedAt: NOW - DAY_MS, title: 'Night Train', seconds: 60 };
    expect(recordViews(s(), [e, e, { ...e, watchedAt: NOW - 2 * DAY_MS }], { now: NOW })).toEqual({
      inserted: 2,
      duplicates: 1,
      membersBroughtBack: 0,
      titlesCreated: 1,
    });
    expect(recordViews(s(), [e], { now: NOW })).toMatchObject({ inserted: 0, duplicates: 1 });
    const m = row(id);
    expect(m.last_viewed_at).toBe(NOW - DAY_MS);
    expect(s().prepare('SELECT count(*) AS n FROM titles').get()).toEqual({ n: 1 });
    // An older view does not move last_viewed_at back.
    recordViews(s(), [{ ...e, watchedAt: NOW - 5 * DAY_MS, title: 'Other' }], { now: NOW });
    expect(row(id).last_viewed_at).toBe(NOW - DAY_MS);
  });

  it('brings dormant, notified and proposed members back at once; leaves cancelled ones cancelled', () => {
    const ids = ['dormant', 'notified', 'proposed', 'cancelled'].map((st, i) =>
      member(`B${i}`, { status: st, reason: st === 'cancelled' ? null : 'inactive', lastViewedAt: NOW - 800 * DAY_MS }),
    );
    const r = recordViews(
      s(),
      ids.map((memberId) => ({ memberId, watchedAt: NOW - 3600_000, title: 'T', seconds: 10 })),
      { now: NOW },
    );
    expect(r.membersBroughtBack).toBe(3);
    expect(ids.map((id) => row(id).status)).toEqual(['active', 'active', 'active', 'cancelled']);
    expect(row(ids[0] as number)).toMatchObject({ dormant_reason: null, dormant_since: null, status_changed_at: NOW });
  });

  it('a late-arriving view from years ago is stored but does not wake an inactive member (still dormant by the rule)', () => {
    const id = member('C1', { status: 'dormant', reason: 'inactive', lastViewedAt: NOW - 1000 * DAY_MS });
    const r = recordViews(s(), [{ memberId: id, watchedAt: NOW - 900 * DAY_MS, title: 'Old', seconds: 5 }], { now: NOW });
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
    recordViews(s(), [{ memberId: id, watchedAt: view, title: 'T', seconds: 1 }], { now: NOW });
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
    const r = recordViews(s(), withRepeats, { now: NOW });

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

const HEADER = 'account_id,title,watched_at,seconds\n';

describe('importEventsCsv', () => {
  it('imports a valid file and reports new events and members brought back', async () => {
    const id = member('E1', { status: 'dormant', reason: 'inactive', lastViewedAt: NOW - 800 * DAY_MS });
    member('E2', {});
    const csv = `\uFEFF${HEADER}E1,"Night Train, Part 2",2025-06-14T23:30:00-02:00,1200\nE2,Docs,2025-06-01T10:00:00Z,60\nE2,Docs,2025-06-01T10:00:00Z,60\n`;
    const r = await importEventsCsv(s(), stream(csv), { now: NOW, actor: ACTOR });
    expect(r).toMatchObject({ ok: true, rows: 3, inserted: 2, duplicates: 1, membersBroughtBack: 1, titlesCreated: 2 });
    expect(row(id)).toMatchObject({ status: 'active', last_viewed_at: Date.parse('2025-06-15T01:30:00Z') });
    const a = s().prepare(`SELECT after FROM audit_log WHERE action = 'import.events' ORDER BY id DESC`).get() as {
      after: string;
    };
    expect(JSON.parse(a.after)).toEqual({ rows: 3, inserted: 2, duplicates: 1, membersBroughtBack: 1, titlesCreated: 2 });
  });

  it('rejects the whole file, changing nothing, and names line, column and reason for each bad field', async () => {
    member('F1', { joinedAt: Date.parse('2024-01-01T00:00:00Z') });
    const before = snapshotDb();
    const csv =
      HEADER +
      'F1,Good,2025-06-01T10:00:00Z,10\n' + // line 2: fine
      'NOPE,Film,2025-06-01T10:00:00Z,10\n' + // 3: unknown account
      'F1,Film,2025-13-01T10:00:00Z,10\n' + // 4: month 13
      'F1,Film,2030-01-01T00:00:00Z,10\n' + // 5: future
      'F1,Film,2025-06-01T10:00:00Z,-5\n' + // 6: negative seconds
      'F1,Film,2025-06-01 10:00,10\n' + // 7: no zone
      'F1,Film,2023-06-01T10:00:00Z,10\n' + // 8: before joining
      'F1,,2025-06-01T10:00:00Z,10\n' + // 9: empty title
      'F1,Film,2025-06-01T10:00:00Z\n'; // 10: missing field
    const r = await importEventsCsv(s(), stream(csv), { now: NOW, actor: ACTOR });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'account_id'],
      [4, 'watched_at'],
      [5, 'watched_at'],
      [6, 'seconds'],
      [7, 'watched_at'],
      [8, 'watched_at'],
      [9, 'title'],
      [10, '(row)'],
    ]);
    expect(r.errors[0]?.reason).toBe('No member has account id "NOPE".');
    expect(r.errors[2]?.reason).toMatch(/in the future/);
    expect(r.errors[3]?.reason).toBe('seconds cannot be negative (-5).');
    expect(r.message).toMatch(/8 problems found.*no events were imported/);
    expect(snapshotDb()).toBe(before);
  });

  it('names missing columns from the header', async () => {
    const before = snapshotDb();
    const r = await importEventsCsv(s(), stream('account_id,title,when\nA,B,C\n'), { now: NOW, actor: ACTOR });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => [e.line, e.column])).toEqual([
        [1, 'watched_at'],
        [1, 'seconds'],
      ]);
    expect(snapshotDb()).toBe(before);
  });

  it('stops reading past the byte limit and imports nothing', async () => {
    member('G1', {});
    const before = snapshotDb();
    const line = 'G1,Film,2025-06-01T10:00:00Z,10\n';
    await expect(
      importEventsCsv(s(), stream(HEADER + line.repeat(100), 64), { now: NOW, actor: ACTOR, maxBytes: 500 }),
    ).rejects.toThrow(/larger than/);
    expect(snapshotDb()).toBe(before);
    expect(MAX_UPLOAD_BYTES).toBe(500 * 1024 * 1024);
  });

  it('keeps at most 100 errors in full but counts them all', async () => {
    const r = await importEventsCsv(s(), stream(HEADER + 'X,F,2025-06-01T10:00:00Z,1\n'.repeat(250)), { now: NOW, actor: ACTOR });
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.errors.length, r.errorCount]).toEqual([100, 250]);
  });
});

describe('ingestEventsJson (POST /api/events)', () => {
  it('stores valid events and lists invalid ones by index', () => {
    const id = member('H1', { status: 'proposed', reason: 'never_watched' });
    const r = ingestEventsJson(
      s(),
      {
        events: [
          { account_id: 'H1', title: 'Film', watched_at: '2025-06-15T11:00:00Z', seconds: 100 },
          { account_id: 'H1', title: 'Film', watched_at: 'yesterday', seconds: 100 },
          { account_id: 'nobody', title: 'Film', watched_at: '2025-06-15T11:00:00Z', seconds: 100 },
          { account_id: 'H1', title: 'Film', watched_at: '2025-06-15T11:00:00Z', seconds: -1 },
          'not an object',
        ],
      },
      NOW,
    );
    expect(r.status).toBe(200);
    if (r.status !== 200) return;
    expect(r.body).toMatchObject({ ok: false, received: 5, stored: 1, duplicates: 0, membersBroughtBack: 1 });
    expect(r.body.rejected.map((x) => x.index)).toEqual([1, 2, 3, 4]);
    expect(r.body.rejected[2]?.reason).toBe('seconds cannot be negative.');
    expect(r.body.message).toMatch(/the other events were stored/);
    expect(row(id).status).toBe('active');
  });

  it('refuses more than 10,000 events and a body without events, storing nothing', () => {
    const before = snapshotDb();
    expect(ingestEventsJson(s(), { events: new Array(10_001).fill({}) }, NOW).status).toBe(413);
    expect(ingestEventsJson(s(), { nope: 1 }, NOW).status).toBe(400);
    expect(snapshotDb()).toBe(before);
  });
});

const MHEADER = 'account_id,email,display_name,country,plan,price_minor,currency,joined_at\n';

describe('importMembersCsv', () => {
  it('adds new members, classified under the current policy', async () => {
    const csv = `${MHEADER}N1,n1@example.com,Ann,gb,standard,999,gbp,2025-06-01\nN2,n2@example.com,Bob,BR,basic,1990,BRL,2022-01-01T00:00:00Z\n`;
    const r = await importMembersCsv(s(), stream(csv), { now: NOW, actor: ACTOR });
    expect(r).toMatchObject({ ok: true, rows: 2, inserted: 2, dormant: 1 });
    const rows = s()
      .prepare('SELECT account_id, country, currency, status, dormant_reason FROM members ORDER BY account_id')
      .all();
    expect(rows).toEqual([
      { account_id: 'N1', country: 'GB', currency: 'GBP', status: 'active', dormant_reason: null },
      { account_id: 'N2', country: 'BR', currency: 'BRL', status: 'dormant', dormant_reason: 'never_watched' },
    ]);
    const a = s().prepare(`SELECT after FROM audit_log WHERE action = 'import.members' ORDER BY id DESC`).get() as {
      after: string;
    };
    expect(a.after).not.toMatch(/example\.com|Ann|N1/);
  });

  it('refuses existing and repeated account ids and bad codes, changing nothing', async () => {
    member('OLD', {});
    const before = snapshotDb();
    const csv =
      MHEADER +
      'OLD,o@example.com,O,GB,basic,100,GBP,2024-01-01\n' +
      'R1,r@example.com,R,XX,basic,100,ABC,2024-01-01\n' +
      'R2,not-an-email,R,GB,basic,1.5,GBP,2024-02-30\n' +
      'R2,r2@example.com,R,GB,basic,100,GBP,2024-01-01\n';
    const r = await importMembersCsv(s(), stream(csv), { now: NOW, actor: ACTOR });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => [e.line, e.column])).toEqual([
        [3, 'country'],
        [3, 'currency'],
        [4, 'email'],
        [4, 'price_minor'],
        [4, 'joined_at'],
        [5, 'account_id'],
      ]);
    expect(snapshotDb()).toBe(before);
    // The existing-account check runs once the rows are otherwise valid.
    const r2 = await importMembersCsv(s(), stream(`${MHEADER}OLD,o@example.com,O,GB,basic,100,GBP,2024-01-01\n`), {
      now: NOW,
      actor: ACTOR,
    });
    expect(r2.ok ? [] : r2.errors).toEqual([
      {
        line: 2,
        column: 'account_id',
        reason: 'A member with account id "OLD" already exists; this import only adds new members.',
      },
    ]);
    expect(snapshotDb()).toBe(before);
  });
});

describe('line numbers', () => {
  it('count empty lines, CRLF and line breaks inside quoted fields', async () => {
    member('L1', {});
    const csv = `${HEADER}\r\nL1,"Two\nLines",2025-06-01T10:00:00Z,1\r\n\r\nL1,Film,2025-06-01T10:00:00Z,x\r\n`;
    const r = await importEventsCsv(s(), stream(csv), { now: NOW, actor: ACTOR });
    // Line 1 header, 2 empty, 3-4 the two-line title, 5 empty, 6 the bad row.
    expect(r.ok ? [] : r.errors).toEqual([{ line: 6, column: 'seconds', reason: '"x" is not a whole number.' }]);
  });
});
