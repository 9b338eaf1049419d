import type Database from 'better-sqlite3';
import { API_ACTOR } from '@/db/audit';
import { runUnitOfWork } from '@/db/unit-of-work';
import { MAX_TITLES_PER_REQUEST, parseTitleRows, type RowProblem } from '@/lib/domain/catalogue/titles';
import { Refusal } from '@/lib/domain/refusal';
import { clashedRows, type NewSeason, writeTitles } from './write-titles';

export type { NewSeason } from './write-titles';

export type TitlesApiResult = {
  status: 200 | 400 | 413 | 422;
  body: { ok: boolean; message: string; added?: number; updated?: number; newSeasons?: NewSeason[]; rejected?: RowProblem[] };
};

/**
 * POST /api/titles body `{ titles: [{ name, kind, release_year?, series?, season? }] }`: adds titles and
 * updates those already known by name. All or nothing, like the CSV imports; each refused row is
 * named by its index.
 */
export function importTitlesJson(sqlite: Database.Database, body: unknown, now: number): TitlesApiResult {
  const list = (body as { titles?: unknown } | null)?.titles;
  if (!Array.isArray(list) || !list.length)
    return {
      status: 400,
      body: { ok: false, message: 'Send JSON of the form { "titles": [ { name, kind, series?, season? } ] }.' },
    };
  if (list.length > MAX_TITLES_PER_REQUEST)
    return {
      status: 413,
      body: { ok: false, message: `At most ${MAX_TITLES_PER_REQUEST} titles per request. Nothing was stored.` },
    };
  const { rows, problems } = parseTitleRows(list);
  if (problems.length) return refused(problems);
  try {
    const r = runUnitOfWork(sqlite, API_ACTOR, now, (uow) => writeTitles(uow, rows, 'catalogue.titles_api'));
    return { status: 200, body: { ok: true, message: `${r.added} added, ${r.updated} updated.`, ...r } };
  } catch (err) {
    if (err instanceof Refusal && err.code === 'clash') return refused(clashedRows(err));
    throw err;
  }
}

function refused(rejected: RowProblem[]): TitlesApiResult {
  return { status: 422, body: { ok: false, message: `${rejected.length} title(s) refused. Nothing was stored.`, rejected } };
}
