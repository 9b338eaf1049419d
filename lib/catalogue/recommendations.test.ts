import { beforeAll, describe, expect, it } from 'vitest';
import { recommendationsFor } from '@/db/recommendations';
import { previewSamples } from '@/lib/delivery/message';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import { importTitlesJson } from './titles-api';

// The catalogue API and the titles chosen for a member from their stored history.

const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const s = () => getSqlite();

function member(country: string): number {
  return Number(
    s()
      .prepare(
        `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, status, status_changed_at)
         VALUES (?, ?, 'Ana Lima', ?, 'standard', 999, 'EUR', 0, 'active', 0)`,
      )
      .run(`REC-${Math.random()}`, `rec${Math.random()}@example.com`, country).lastInsertRowid,
  );
}
const titleId = (name: string) => s().prepare('SELECT id FROM titles WHERE name = ?').pluck().get(name) as number;
const view = (memberId: number, name: string, daysAgo: number, recent = false) =>
  s()
    .prepare(
      `INSERT INTO ${recent ? 'viewing_events_recent' : 'viewing_events'} (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, ?, 600)`,
    )
    .run(memberId, NOW - daysAgo * DAY, titleId(name));

const post = (titles: unknown[]) => importTitlesJson(s(), { titles }, NOW);

describe('catalogue API and recommendations', () => {
  let ana: number;
  beforeAll(() => {
    const r = post([
      { name: 'Dark: Season 1', kind: 'series', series: 'Dark', season: 1 },
      { name: 'Dark: Season 2', kind: 'series', series: 'Dark', season: 2, release_year: 2019 },
      { name: 'Doc One', kind: 'documentary' },
      { name: 'Doc Two', kind: 'documentary' },
      { name: 'Doc Three', kind: 'documentary' },
      { name: 'Film One', kind: 'film' },
      { name: 'Film Two', kind: 'film' },
    ]);
    expect(r.body).toMatchObject({ ok: true, added: 7, updated: 0 });
    const rank = s().prepare('INSERT INTO popular_titles (country, rank, title_id) VALUES (?, ?, ?)');
    for (const [i, n] of ['Film One', 'Doc One', 'Film Two', 'Doc Two', 'Doc Three'].entries()) rank.run('DE', i + 1, titleId(n));
    ana = member('DE');
    view(ana, 'Dark: Season 1', 400);
    view(ana, 'Doc One', 300);
    view(ana, 'Doc Three', 2, true); // still in the recent table
  });

  it('chooses the next season first, then popular titles of the kinds watched, never a watched one', () => {
    const got = recommendationsFor(s(), ana, 'DE');
    expect(got.map((r) => r.title.name)).toEqual(['Dark: Season 2', 'Doc Two', 'Film One']);
    expect(got[0]?.because).toBe('Dark: Season 1');
  });

  it('shows the choice in the preview of a variant that uses {{recommended_titles}}, and nothing in one that does not', () => {
    const variants = [
      {
        key: 'A',
        name: 'With',
        offer: 'none' as const,
        subjectTemplate: 'Hi',
        bodyTemplate: 'For you:\n{{recommended_titles}}',
        translations: [],
      },
      { key: 'B', name: 'Without', offer: 'none' as const, subjectTemplate: 'Hi', bodyTemplate: 'Come back', translations: [] },
    ];
    const [sample] = previewSamples(s(), [ana], variants, NOW, { defaultLanguage: 'en', deadlineAt: null, responseDays: 30 });
    expect(sample?.messages[0]?.html).toContain(
      '• Dark: Season 2<br>\n• Doc Two<br>\n• Film One<br>\nBecause you watched Dark: Season 1.',
    );
    expect(sample?.messages[1]?.html).not.toContain('Dark');
  });

  it('updates a known title by name and reports a new season', () => {
    const r = post([
      { name: 'Film Two', kind: 'film', release_year: 2001 },
      { name: 'Dark: Season 3', kind: 'series', series: 'Dark', season: 3 },
    ]);
    expect(r.body).toMatchObject({ ok: true, added: 1, updated: 1, newSeasons: [{ series: 'Dark', season: 3 }] });
    // Season 2 is still the next one for a member who saw season 1.
    expect(recommendationsFor(s(), ana, 'DE')[0]?.title.name).toBe('Dark: Season 2');
  });

  it('refuses bad rows by index and stores nothing', () => {
    const before = snapshotDb();
    const r = post([
      { name: 'Fine', kind: 'film' },
      { name: 'Odd', kind: 'series', series: 'Odd' },
      { name: 'Dark S2 again', kind: 'series', series: 'Dark', season: 2 },
      { name: '', kind: 'cartoon' },
    ]);
    expect(r.status).toBe(422);
    expect(r.body.rejected?.map((p) => p.index)).toEqual([1, 3]);
    expect(snapshotDb()).toBe(before);
    // A season another title already holds.
    const clash = post([{ name: 'Dark S2 again', kind: 'series', series: 'Dark', season: 2 }]);
    expect(clash.body.rejected).toEqual([{ index: 0, reason: 'Dark season 2 is already "Dark: Season 2".' }]);
    expect(snapshotDb()).toBe(before);
  });
});
