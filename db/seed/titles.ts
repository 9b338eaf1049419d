import type Database from 'better-sqlite3';
import { DOC_SUBJECTS, TITLE_ADJECTIVES, TITLE_NOUNS, TITLE_PEOPLE } from './title-words';

export type SeedTitle = { id: number; name: string; kind: string; releaseYear: number; typicalSeconds: number };

const TYPICAL_SECONDS: Record<string, number> = { film: 6_300, series: 2_700, documentary: 3_300, special: 4_200 };

/** `count` distinct, believable titles, inserted with ids 1..count. The array index is id − 1. */
export function seedTitles(sqlite: Database.Database, rng: () => number, count: number, currentYear: number): SeedTitle[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)] as T;
  const seen = new Set<string>();
  const out: SeedTitle[] = [];
  while (out.length < count) {
    const r = rng();
    const kind = r < 0.45 ? 'series' : r < 0.85 ? 'film' : r < 0.95 ? 'documentary' : 'special';
    let name: string;
    if (kind === 'documentary') {
      const s = pick(DOC_SUBJECTS);
      const f = rng();
      name =
        f < 0.4 ? `The Secret Life of ${s}` : f < 0.7 ? `Inside ${s}` : `${s}: ${pick(TITLE_ADJECTIVES)} ${pick(TITLE_NOUNS)}`;
    } else {
      const f = rng();
      if (f < 0.45) name = `The ${pick(TITLE_ADJECTIVES)} ${pick(TITLE_NOUNS)}`;
      else if (f < 0.65) name = `${pick(TITLE_ADJECTIVES)} ${pick(TITLE_NOUNS)}`;
      else if (f < 0.85) name = `The ${pick(TITLE_PEOPLE)} of ${pick(TITLE_ADJECTIVES)} ${pick(TITLE_NOUNS)}`;
      else {
        const a = pick(TITLE_NOUNS);
        const b = pick(TITLE_NOUNS);
        if (a === b) continue;
        name = `${a} ${b}`;
      }
      if (kind === 'special') name = `${name}: Live`;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    const releaseYear = currentYear - Math.floor(rng() ** 2 * 30);
    out.push({ id: out.length + 1, name, kind, releaseYear, typicalSeconds: TYPICAL_SECONDS[kind] ?? 3_600 });
  }
  const insert = sqlite.prepare('INSERT INTO titles (id, name, kind, release_year) VALUES (?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (const t of out) insert.run(t.id, t.name, t.kind, t.releaseYear);
  })();
  return out;
}
