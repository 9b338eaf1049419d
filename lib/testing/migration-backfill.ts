import fs from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * Empties `table` and runs again the statement of `migration` that fills it from the rows already
 * there (its `INSERT INTO \`table\``): what the migration did for a database that existed before it.
 */
export function rerunBackfill(sqlite: Database.Database, migration: string, table: string): void {
  const backfill = fs
    .readFileSync(`db/migrations/${migration}`, 'utf8')
    .split('--> statement-breakpoint')
    .find((x) => x.trim().startsWith(`INSERT INTO \`${table}\``));
  if (!backfill) throw new Error(`${migration} has no INSERT INTO \`${table}\``);
  sqlite.exec(`DELETE FROM ${table}; ${backfill}`);
}
