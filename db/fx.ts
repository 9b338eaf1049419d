import 'server-only';
import type Database from 'better-sqlite3';
import { type FxRate, FxTable } from '@/lib/domain/metrics/fx';

/** Every stored exchange rate (a few hundred rows: one per currency and month). */
export function loadFxTable(sqlite: Database.Database): FxTable {
  const rows = sqlite
    .prepare('SELECT currency, as_of AS asOf, per_million_minor AS perMillionMinor FROM fx_rates')
    .all() as FxRate[];
  return new FxTable(rows);
}
