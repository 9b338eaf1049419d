import { z } from 'zod';

// A catalogue entry as the streaming backend sends it (POST /api/titles). A season of a series names
// its series and its number; a film, documentary or special names neither. Titles are keyed by name.

export const TITLE_KINDS = ['film', 'series', 'documentary', 'special'] as const;
export const MAX_TITLES_PER_REQUEST = 5_000;

export const titleRowSchema = z
  .object({
    name: z
      .string({ error: 'name must be a string.' })
      .trim()
      .min(1, 'name is empty.')
      .max(300, 'name is longer than 300 characters.'),
    kind: z.enum(TITLE_KINDS, { error: `kind must be one of ${TITLE_KINDS.join(', ')}.` }),
    release_year: z
      .number({ error: 'release_year must be a number.' })
      .int('release_year must be a whole number.')
      .min(1880, 'release_year is before 1880.')
      .max(2200, 'release_year is after 2200.')
      .nullable()
      .optional(),
    series: z.string({ error: 'series must be a string.' }).trim().min(1, 'series is empty.').max(300).nullable().optional(),
    season: z
      .number({ error: 'season must be a number.' })
      .int('season must be a whole number.')
      .min(1, 'season starts at 1.')
      .max(200, 'season is above 200.')
      .nullable()
      .optional(),
  })
  .superRefine((t, ctx) => {
    const hasSeries = t.series != null;
    const hasSeason = t.season != null;
    if (hasSeries !== hasSeason)
      ctx.addIssue({ code: 'custom', path: [hasSeries ? 'season' : 'series'], message: 'series and season go together.' });
    if (hasSeries && t.kind !== 'series')
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'A season of a series has kind "series".' });
  });

export type TitleRow = {
  name: string;
  kind: (typeof TITLE_KINDS)[number];
  releaseYear: number | null;
  series: string | null;
  season: number | null;
};

/** A refused row by its index in the list, with the field at fault when there is one. */
export type RowProblem = { index: number; reason: string; field?: string };

/** Every row parsed, or each problem by index: a name twice, or one series season twice, is refused. */
export function parseTitleRows(list: readonly unknown[]): { rows: TitleRow[]; problems: RowProblem[] } {
  const rows: TitleRow[] = [];
  const problems: RowProblem[] = [];
  const names = new Map<string, number>();
  const seasons = new Map<string, number>();
  list.forEach((raw, index) => {
    const p = titleRowSchema.safeParse(raw);
    if (!p.success) {
      const field = p.error.issues[0]?.path[0];
      problems.push({
        index,
        reason: p.error.issues.map((i) => i.message).join(' '),
        field: field == null ? undefined : String(field),
      });
      return;
    }
    const row: TitleRow = {
      name: p.data.name,
      kind: p.data.kind,
      releaseYear: p.data.release_year ?? null,
      series: p.data.series ?? null,
      season: p.data.season ?? null,
    };
    const sameName = names.get(row.name);
    if (sameName !== undefined) problems.push({ index, reason: `"${row.name}" is also row ${sameName}.`, field: 'name' });
    names.set(row.name, index);
    if (row.series != null) {
      const key = `${row.series}\u0000${row.season}`;
      const same = seasons.get(key);
      if (same !== undefined)
        problems.push({ index, reason: `${row.series} season ${row.season} is also row ${same}.`, field: 'season' });
      seasons.set(key, index);
    }
    rows.push(row);
  });
  return { rows, problems };
}
