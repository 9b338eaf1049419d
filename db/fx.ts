import 'server-only';
import type Database from 'better-sqlite3';
import { FxTable } from '@/lib/domain/metrics/fx';
import { preparedOnce } from './prepared';

// The rates are read on every view of a batch page (and by the overview's model): a few hundred rows
// loaded and sorted per view cost ~0.5 ms; a fingerprint of the table costs ~0.04 ms. The
// fingerprint weights each rate by its row, so any insert, delete or changed rate moves it.
const FINGERPRINT = `SELECT count(*) || ':' || total(per_million_minor * (rowid % 7919 + 1)) || ':' || coalesce(max(as_of), '')
                      AS key FROM fx_rates`;
const ALL = 'SELECT currency, as_of AS asOf, per_million_minor AS perMillionMinor FROM fx_rates';
const cached = new WeakMap<Database.Database, { key: string; table: FxTable }>();

/** Every stored exchange rate (a few hundred rows: one per currency and month). */
export function loadFxTable(sqlite: Database.Database): FxTable {
  const key = (preparedOnce(sqlite, FINGERPRINT).get() as { key: string }).key;
  const hit = cached.get(sqlite);
  if (hit?.key === key) return hit.table;
  const table = new FxTable(preparedOnce(sqlite, ALL).all() as ConstructorParameters<typeof FxTable>[0]);
  cached.set(sqlite, { key, table });
  return table;
}
