import { describe, expect, it } from 'vitest';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import { importTitlesCsv } from './titles-csv';

const NOW = Date.UTC(2026, 5, 1);
const opts = { now: NOW, actor: { id: 1, label: 'cx@rekindle.local' } };
async function* once(text: string) {
  yield text;
}
const csv = (body: string) => importTitlesCsv(getSqlite(), once(`name,kind,release_year,series,season\n${body}`), opts);
const title = (name: string) =>
  getSqlite().prepare('SELECT kind, release_year, series, season FROM titles WHERE name = ?').get(name);

describe('titles CSV import', () => {
  it('adds seasons and single titles, then updates a known title by name', async () => {
    expect(
      await csv('Lake: Season 1,series,2020,Lake,1\nLake: Season 2,series,,Lake,2\nStill Water,film,1999,,\n'),
    ).toMatchObject({
      ok: true,
      added: 3,
      newSeasons: [
        { series: 'Lake', season: 1 },
        { series: 'Lake', season: 2 },
      ],
    });
    expect(title('Lake: Season 2')).toEqual({ kind: 'series', release_year: null, series: 'Lake', season: 2 });
    expect(await csv('Still Water,documentary,1999,,\n')).toMatchObject({ ok: true, added: 0, updated: 1 });
    expect(title('Still Water')).toMatchObject({ kind: 'documentary' });
  });

  it('names each bad line and imports nothing', async () => {
    const before = snapshotDb();
    const r = await csv('Fine,film,2001,,\nHalf,series,,Half,\nNope,cartoon,,,\nTaken,series,,Lake,2\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(snapshotDb()).toBe(before);
    const clash = await csv('Taken,series,,Lake,2\n');
    expect(clash.ok ? [] : clash.errors).toEqual([
      { line: 2, column: 'series', reason: 'Lake season 2 is already "Lake: Season 2".' },
    ]);
    expect(snapshotDb()).toBe(before);
  });
});
