import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TitleRow } from '@/lib/domain/catalogue/titles';
import { titles } from './schema';
import type { Tx } from './unit-of-work';

// The title catalogue: titles keyed by name, seasons of a series by (series, season).

export type StoredTitle = typeof titles.$inferSelect;

/** The stored titles with these names (first of each name when the viewing import made duplicates). */
export function titlesByName(tx: Tx, names: readonly string[]): Map<string, StoredTitle> {
  const out = new Map<string, StoredTitle>();
  for (let i = 0; i < names.length; i += 500) {
    const rows = tx.db
      .select()
      .from(titles)
      .where(inArray(titles.name, names.slice(i, i + 500)))
      .orderBy(asc(titles.id))
      .all();
    for (const r of rows) if (!out.has(r.name)) out.set(r.name, r);
  }
  return out;
}

/** The title that holds a series' season, if any. */
export function titleOfSeason(tx: Tx, series: string, season: number): StoredTitle | undefined {
  return tx.db
    .select()
    .from(titles)
    .where(and(eq(titles.series, series), eq(titles.season, season)))
    .get();
}

export function insertTitle(tx: Tx, t: TitleRow): number {
  return tx.db
    .insert(titles)
    .values({ name: t.name, kind: t.kind, releaseYear: t.releaseYear, series: t.series, season: t.season })
    .returning({ id: titles.id })
    .get().id;
}

export function updateTitle(tx: Tx, id: number, t: TitleRow) {
  tx.db
    .update(titles)
    .set({ kind: t.kind, releaseYear: t.releaseYear, series: t.series, season: t.season })
    .where(eq(titles.id, id))
    .run();
}
