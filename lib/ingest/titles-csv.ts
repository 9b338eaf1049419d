import type Database from 'better-sqlite3';
import { runUnitOfWork } from '@/db/unit-of-work';
import { clashedRows, type TitlesWritten, writeTitles } from '@/lib/catalogue/write-titles';
import { parseTitleRows } from '@/lib/domain/catalogue/titles';
import { Refusal } from '@/lib/domain/refusal';
import { type ImportOptions, type ImportOutcome, refused } from './import-outcome';
import { CsvErrors, readCsv } from './read-csv';

export const TITLE_COLUMNS = ['name', 'kind', 'release_year', 'series', 'season'] as const;

/**
 * Imports catalogue titles from a CSV (release_year, series and season may be left empty), all or
 * nothing: the same rules and write as POST /api/titles, each problem named by line and column.
 */
export async function importTitlesCsv(
  sqlite: Database.Database,
  source: AsyncIterable<Uint8Array | string>,
  opts: ImportOptions,
): Promise<ImportOutcome<TitlesWritten>> {
  const t0 = performance.now();
  const errors = new CsvErrors();
  const raw: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const { rows } = await readCsv(source, {
    columns: TITLE_COLUMNS,
    maxBytes: opts.maxBytes,
    errors,
    onProgress: (n) => opts.onProgress?.({ phase: 'reading', rows: n }),
    onRow: ([name, kind, year, series, season], line) => {
      const num = (v: string | undefined) => (v ? (/^\d+$/.test(v) ? Number(v) : v) : null);
      raw.push({ name, kind, release_year: num(year), series: series || null, season: num(season) });
      lines.push(line);
    },
  });
  opts.onProgress?.({ phase: 'checking', rows });
  const parsed = parseTitleRows(raw);
  for (const p of parsed.problems) errors.add(lines[p.index] ?? 0, p.field ?? 'row', p.reason);
  if (errors.count > 0) return refused(rows, errors, 'titles');
  await opts.onProgress?.({ phase: 'writing', rows });
  try {
    const written = runUnitOfWork(sqlite, opts.actor, opts.now, (uow) => writeTitles(uow, parsed.rows, 'import.titles'));
    return { ok: true, rows, ms: Math.round(performance.now() - t0), ...written };
  } catch (err) {
    if (!(err instanceof Refusal && err.code === 'clash')) throw err;
    for (const c of clashedRows(err)) errors.add(lines[c.index] ?? 0, 'series', c.reason);
    return refused(rows, errors, 'titles');
  }
}
