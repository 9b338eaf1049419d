import { describe, expect, it } from 'vitest';
import { getSqlite } from '@/lib/testing/db';
import {
  COUNT_CAP,
  chooseIndex,
  countMembersCapped,
  countMembersQuery,
  listMembers,
  listMembersQuery,
  memberFacets,
  memberTimeline,
} from './members';
import { mulberry32 } from './seed/context';
import { seedPopulation } from './seed/population';

const sqlite = getSqlite();
seedPopulation(
  { sqlite, now: Date.parse('2025-06-15T12:00:00Z'), members: 1200, rng: mulberry32(2), log: () => {} },
  mulberry32(1),
);
sqlite.exec("UPDATE members SET status = 'cancelled' WHERE id IN (5, 600, 1100)");
const ids = (sql: string, ...p: unknown[]) => (sqlite.prepare(sql).all(...p) as { id: number }[]).map((r) => r.id);

describe('listMembers', () => {
  it('walks every matching member once, newest first, and back again', () => {
    const f = { country: 'US' };
    const expected = ids("SELECT id FROM members WHERE country = 'US' ORDER BY id DESC");
    const seen: number[] = [];
    const pages = [];
    let cursor: { after?: number; before?: number } = {};
    for (;;) {
      const p = listMembers(sqlite, f, cursor, 40);
      pages.push(p.rows.map((r) => r.id));
      seen.push(...p.rows.map((r) => r.id));
      if (!p.next) break;
      cursor = p.next;
    }
    expect(seen).toEqual(expected);
    // Back from the last page with "Previous" gives the same pages in reverse.
    let back = listMembers(sqlite, f, cursor, 40);
    for (let i = pages.length - 2; i >= 0; i--) {
      back = listMembers(sqlite, f, back.prev!, 40);
      expect(back.rows.map((r) => r.id)).toEqual(pages[i]);
    }
    expect(back.prev).toBeUndefined();
  });

  it('combines filters and finds a member by account id or exact email', () => {
    const p = listMembers(sqlite, { status: 'cancelled', plan: undefined }, {}, 50);
    expect(p.rows.map((r) => r.id)).toEqual([1100, 600, 5]);
    const m = sqlite.prepare('SELECT account_id AS a, email AS e FROM members WHERE id = 77').get() as { a: string; e: string };
    expect(listMembers(sqlite, { q: m.a }, {}).rows.map((r) => r.id)).toEqual([77]);
    expect(listMembers(sqlite, { q: m.e }, {}).rows.map((r) => r.id)).toEqual([77]);
    expect(listMembers(sqlite, { q: m.a, status: 'cancelled' }, {}).rows).toEqual([]);
  });

  it('counts up to the cap only', () => {
    expect(countMembersCapped(sqlite, { status: 'cancelled' })).toEqual({ count: 3, capped: false });
    expect(countMembersCapped(sqlite, {}).count).toBe(1200);
  });

  it('lists the countries and plans present', () => {
    const f = memberFacets(sqlite);
    expect(f.plans).toEqual(['basic', 'premium', 'standard']);
    expect(f.countries).toContain('US');
    expect(f.countries).toEqual([...f.countries].sort());
  });
});

describe('query plans', () => {
  const statuses = [undefined, 'active', 'dormant', 'cancelled'] as const;
  for (const status of statuses)
    for (const country of [undefined, 'US'])
      for (const plan of [undefined, 'premium'])
        for (const cursor of [{}, { after: 500 }, { before: 500 }]) {
          const f = { status, country, plan };
          it(`uses an index range in id order for ${JSON.stringify({ ...f, ...cursor })}`, () => {
            const q = listMembersQuery(f, cursor, 50);
            const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[])
              .map((r) => r.detail)
              .join(' | ');
            expect(plan).not.toMatch(/TEMP B-TREE/); // no sort of the matching rows
            const ix = chooseIndex(f);
            if (ix) expect(plan).toContain(`USING INDEX ${ix}`);
            else expect(plan).toMatch(/USING INTEGER PRIMARY KEY|SCAN members/);
          });
        }
  it('counts with a status from the partial status index', () => {
    const q = listMembersQuery({ status: 'dormant', country: 'KR' }, {}, 50);
    const plan = JSON.stringify(sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params));
    expect(plan).toContain('USING INDEX members_status_idx');
    for (const status of ['dormant', 'notified', 'active'] as const)
      expect(countMembersCapped(sqlite, { status, country: 'US' }).count).toBe(
        (sqlite.prepare('SELECT count(*) AS n FROM members WHERE status = ? AND country = ?').get(status, 'US') as { n: number })
          .n,
      );
    expect(countMembersCapped(sqlite, { status: 'cancelled', plan: 'basic' }).count).toBe(
      (sqlite.prepare("SELECT count(*) AS n FROM members WHERE status = 'cancelled' AND plan = 'basic'").get() as { n: number })
        .n,
    );
  });

  it('counts dormant members from the segment index alone, with no lookup of their rows', () => {
    const f = { status: 'dormant', country: 'US', plan: 'basic', language: 'en' } as const;
    const q = countMembersQuery(f, COUNT_CAP);
    const plan = JSON.stringify(sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params));
    expect(plan).toContain('USING COVERING INDEX members_segment_idx');
    for (const g of [f, { status: 'dormant' }, { status: 'dormant', plan: 'premium' }] as const)
      expect(countMembersCapped(sqlite, g).count).toBe(
        (
          sqlite
            .prepare(
              `SELECT count(*) AS n FROM members WHERE status = 'dormant' AND (@country IS NULL OR country = @country)
                 AND (@plan IS NULL OR plan = @plan) AND (@language IS NULL OR language = @language)`,
            )
            .get({ country: null, plan: null, language: null, ...g }) as { n: number }
        ).n,
      );
  });

  it('searches by the unique account id index', () => {
    const q = listMembersQuery({ q: 'RK-1' }, {}, 50);
    const plan = JSON.stringify(sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params));
    expect(plan).toContain('members_account_id_uq');
  });
});

describe('memberTimeline', () => {
  it('pages a member’s views newest first without gaps or repeats', () => {
    const busiest = sqlite
      .prepare('SELECT member_id AS id, count(*) AS n FROM viewing_events GROUP BY member_id ORDER BY n DESC LIMIT 1')
      .get() as { id: number; n: number };
    const all = (
      sqlite
        .prepare('SELECT watched_at AS w FROM viewing_events WHERE member_id = ? ORDER BY watched_at DESC, title_id DESC')
        .all(busiest.id) as { w: number }[]
    ).map((r) => r.w);
    const seen: number[] = [];
    let cursor: { after?: string } = {};
    for (;;) {
      const p = memberTimeline(sqlite, busiest.id, cursor, 7);
      seen.push(...p.rows.map((r) => r.watchedAt));
      expect(p.rows.every((r) => r.titleName)).toBe(true);
      if (!p.next) break;
      cursor = p.next;
    }
    expect(seen).toEqual(all);
  });

  it('shows views not yet rolled up among the others, in order, forward and back', () => {
    const id = (sqlite
      .prepare('SELECT member_id FROM viewing_events GROUP BY member_id HAVING count(*) >= 5 LIMIT 1')
      .pluck()
      .get() ?? 0) as number;
    const old = sqlite.prepare('SELECT watched_at AS w, title_id AS t FROM viewing_events WHERE member_id = ?').all(id) as {
      w: number;
      t: number;
    }[];
    // New views between and after the rolled-up ones, one at the same instant with another title.
    const fresh = [...old.map((o) => ({ w: o.w + 1000, t: o.t })), { w: old[0]!.w, t: old[0]!.t + 1 }];
    const add = sqlite.prepare(
      'INSERT INTO viewing_events_recent (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, ?, 60)',
    );
    for (const f of fresh) add.run(id, f.w, f.t);
    const expected = [...old, ...fresh].sort((a, b) => b.w - a.w || b.t - a.t).map((r) => `${r.w}-${r.t}`);

    const pages: string[][] = [];
    let cursor: { after?: string; before?: string } = {};
    for (;;) {
      const p = memberTimeline(sqlite, id, cursor, 3);
      pages.push(p.rows.map((r) => `${r.watchedAt}-${r.titleId}`));
      if (!p.next) break;
      cursor = p.next;
    }
    expect(pages.flat()).toEqual(expected);
    // "Newer" from the last page gives the same pages again.
    const back: string[][] = [];
    for (let c: { before?: string } | undefined = memberTimeline(sqlite, id, cursor, 3).prev; c; ) {
      const p = memberTimeline(sqlite, id, c, 3);
      back.unshift(p.rows.map((r) => `${r.watchedAt}-${r.titleId}`));
      c = p.prev;
    }
    expect(back).toEqual(pages.slice(0, -1));
    sqlite.prepare('DELETE FROM viewing_events_recent WHERE member_id = ?').run(id);
  });
});
