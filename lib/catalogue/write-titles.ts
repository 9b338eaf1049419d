import { insertTitle, titleOfSeason, titlesByName, updateTitle } from '@/db/catalogue';
import type { UnitOfWork } from '@/db/unit-of-work';
import type { RowProblem, TitleRow } from '@/lib/domain/catalogue/titles';
import { Refusal } from '@/lib/domain/refusal';

export type NewSeason = { titleId: number; series: string; season: number };
export type TitlesWritten = { added: number; updated: number; newSeasons: NewSeason[] };

/**
 * Adds titles and updates those already known by name (kind, year, series, season), with one audit
 * entry. A season another title already holds refuses the whole list (Refusal code 'clash', each row
 * by index in fieldErrors), so the unit of work rolls back: a catalogue half-written would let a
 * season be announced without its series.
 */
export function writeTitles(uow: UnitOfWork, rows: readonly TitleRow[], action: string): TitlesWritten {
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
  uow.audit({ action, entityType: 'titles', after: { rows: rows.length, added, updated, newSeasons } });
  return { added, updated, newSeasons };
}

/** The rows a 'clash' refusal names, by index. */
export function clashedRows(err: Refusal): RowProblem[] {
  return Object.entries(err.fieldErrors ?? {}).map(([index, reasons]) => ({ index: Number(index), reason: reasons.join(' ') }));
}
