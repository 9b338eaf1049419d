import 'server-only';
import type Database from 'better-sqlite3';
import { FxTable } from '@/lib/domain/metrics/fx';
import { drizzleFor } from './client';
import { fxRates } from './schema';

/** Every stored exchange rate (a few hundred rows: one per currency and month). */
export function loadFxTable(sqlite: Database.Database): FxTable {
  const rows = drizzleFor(sqlite)
    .select({ currency: fxRates.currency, asOf: fxRates.asOf, perMillionMinor: fxRates.perMillionMinor })
    .from(fxRates)
    .all();
  return new FxTable(rows);
}
