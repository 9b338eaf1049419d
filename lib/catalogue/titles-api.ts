import type Database from 'better-sqlite3';
import { API_ACTOR } from '@/db/audit';
import { insertTitle, titleOfSeason, titlesByName, updateTitle } from '@/db/catalogue';
import { runUnitOfWork } from '@/db/unit-of-work';
import { MAX_TITLES_PER_REQUEST, parseTitleRows, type RowProblem } from '@/lib/domain/catalogue/titles';
import { Refusal } from '@/lib/domain/refusal';

export type NewSeason = { titleId: number; series: string; season: number };

export type TitlesApiResult = {
  status: 200 | 400 | 413 | 422;
  body: { ok: boolean; message: string; added?: number; updated?: number; newSeasons?: NewSeason[]; rejected?: RowProblem[] };
};

/**
 * POST /api/titles body `{ titles: [{ name, kind, release_year?, series?, season? }] }`: adds titles and
 * updates those already known by name (kind, year, series, season). All or nothing, like the CSV
 * imports: a catalogue half-written would let a season be announced without its series.
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
    return runUnitOfWork(sqlite, API_ACTOR, now, (uow) => {
      const known = titlesByName(
        uow.tx,
        rows.map((r) => r.name),
      );
      const clashes: RowProblem[] = [];
      rows.forEach((r, index) => {
        if (r.series == null || r.season == null) return;
        const holder = titleOfSeason(uow.tx, r.series, r.season);
        if (holder && holder.name !== r.name)
          clashes.push({ index, reason: `${r.series} season ${r.season} is already "${holder.name}".` });
      });
      // Rows by index in fieldErrors, so the refusal rolls back and still names each row.
      if (clashes.length)
        throw new Refusal('Some titles clash with the catalogue.', {
          code: 'clash',
          fieldErrors: Object.fromEntries(clashes.map((c) => [String(c.index), [c.reason]])),
        });
      let added = 0;
      let updated = 0;
      const newSeasons: NewSeason[] = [];
      for (const r of rows) {
        const old = known.get(r.name);
        if (old) {
          updateTitle(uow.tx, old.id, r);
          updated++;
        } else {
          const id = insertTitle(uow.tx, r);
          added++;
          if (r.series != null && r.season != null) newSeasons.push({ titleId: id, series: r.series, season: r.season });
        }
      }
      uow.audit({ action: 'catalogue.titles_imported', entityType: 'titles', after: { added, updated, newSeasons } });
      return {
        status: 200 as const,
        body: { ok: true, message: `${added} added, ${updated} updated.`, added, updated, newSeasons },
      };
    });
  } catch (err) {
    if (err instanceof Refusal && err.code === 'clash')
      return refused(
        Object.entries(err.fieldErrors ?? {}).map(([index, reasons]) => ({ index: Number(index), reason: reasons.join(' ') })),
      );
    throw err;
  }
}

function refused(rejected: RowProblem[]): TitlesApiResult {
  return { status: 422, body: { ok: false, message: `${rejected.length} title(s) refused. Nothing was stored.`, rejected } };
}
