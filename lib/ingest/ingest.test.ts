import { beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '@/lib/domain/dormancy';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import { insertViewer, memberRow, resetViewingTables } from '@/lib/testing/views';
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

const member = insertViewer;
const row = memberRow;

beforeEach(resetViewingTables);

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
    expect(JSON.parse(a.after)).toEqual({
      rows: 3,
      inserted: 2,
      duplicates: 1,
      membersBroughtBack: 1,
      titlesCreated: 2,
      cancellationsUndone: 0,
    });
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

  it('says nothing was stored when every event is rejected (422)', () => {
    member('H2', { status: 'proposed', reason: 'never_watched' });
    const before = snapshotDb();
    const r = ingestEventsJson(
      s(),
      { events: [{ account_id: 'nobody', title: 'Film', watched_at: '2025-06-15T11:00:00Z', seconds: 1 }] },
      NOW,
    );
    expect(r.status).toBe(422);
    expect(r.body.message).toBe('0 new events stored, 0 already known, 1 rejected (see "rejected"): nothing was stored.');
    expect(r.body.message).not.toMatch(/other events were stored/);
    expect(snapshotDb()).toBe(before);
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
