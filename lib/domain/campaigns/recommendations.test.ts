import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CatalogueTitle, chooseRecommendations, recommendationText, type WatchedTitle } from './recommendations';

const title = (
  id: number,
  name: string,
  kind = 'film',
  series: string | null = null,
  season: number | null = null,
): CatalogueTitle => ({
  id,
  name,
  kind,
  series,
  season,
});
const watched = (t: CatalogueTitle, lastWatchedAt: number): WatchedTitle => ({ ...t, lastWatchedAt });

const crown1 = title(1, 'Crown: Season 1', 'series', 'Crown', 1);
const crown2 = title(2, 'Crown: Season 2', 'series', 'Crown', 2);
const crown3 = title(3, 'Crown: Season 3', 'series', 'Crown', 3);
const dark1 = title(4, 'Dark: Season 1', 'series', 'Dark', 1);
const dark2 = title(5, 'Dark: Season 2', 'series', 'Dark', 2);
const filmA = title(10, 'Film A');
const filmB = title(11, 'Film B');
const docA = title(20, 'Doc A', 'documentary');
const docB = title(21, 'Doc B', 'documentary');

describe('chooseRecommendations', () => {
  it('offers the next season first, most recently watched series first, skipping seasons already seen', () => {
    const got = chooseRecommendations({
      watched: [watched(crown1, 100), watched(crown3, 50), watched(dark1, 300)],
      seriesSeasons: [crown1, crown2, crown3, dark1, dark2],
      popular: [filmA],
    });
    // Crown: season 3 is the highest watched and there is no season 4, so no Crown season (2 is behind them).
    expect(got.map((r) => r.title.name)).toEqual(['Dark: Season 2', 'Film A']);
    expect(got[0]?.because).toBe('Dark: Season 1');
  });

  it('then popular titles in the kinds watched most, in the country rank order, then other popular ones', () => {
    const got = chooseRecommendations({
      watched: [watched(docA, 10), watched(title(22, 'Doc C', 'documentary'), 20), watched(filmA, 30)],
      seriesSeasons: [],
      popular: [filmB, filmA, docA, docB, title(30, 'Special', 'special')],
    });
    expect(got.map((r) => r.title.name)).toEqual(['Doc B', 'Film B', 'Special']);
    expect(got.map((r) => r.because)).toEqual(['Doc C', 'Film A', '']);
  });

  it('chooses from the country list alone for a member who never watched', () => {
    const got = chooseRecommendations({ watched: [], seriesSeasons: [], popular: [filmA, filmB, docA, docB] });
    expect(got.map((r) => r.title.name)).toEqual(['Film A', 'Film B', 'Doc A']);
    expect(recommendationText(got)).toBe('• Film A\n• Film B\n• Doc A');
  });

  it('writes one line per title and says what led to the first choice', () => {
    const got = chooseRecommendations({ watched: [watched(crown1, 1)], seriesSeasons: [crown2], popular: [docA] });
    expect(recommendationText(got)).toBe('• Crown: Season 2\n• Doc A\nBecause you watched Crown: Season 1.');
    expect(recommendationText([])).toBe('');
  });

  it('never recommends a watched title, never one twice, never more than three', () => {
    const catalogue = Array.from({ length: 12 }, (_, i) =>
      title(
        i + 1,
        `T${i + 1}`,
        ['film', 'series', 'documentary'][i % 3]!,
        i < 6 ? `S${i % 2}` : null,
        i < 6 ? Math.floor(i / 2) + 1 : null,
      ),
    );
    const pick = fc.subarray(catalogue);
    fc.assert(
      fc.property(pick, pick, pick, fc.array(fc.nat(1000), { minLength: 12, maxLength: 12 }), (w, seasons, popular, times) => {
        const got = chooseRecommendations({
          watched: w.map((t) => watched(t, times[t.id - 1]!)),
          seriesSeasons: seasons,
          popular,
        });
        const ids = got.map((r) => r.title.id);
        expect(ids.length).toBeLessThanOrEqual(3);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(w.some((t) => t.id === id)).toBe(false);
        // As many as the unwatched popular titles allow.
        const unwatchedPopular = popular.filter((t) => !w.some((x) => x.id === t.id)).length;
        expect(ids.length).toBeGreaterThanOrEqual(Math.min(3, unwatchedPopular));
      }),
    );
  });
});
