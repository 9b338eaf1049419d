import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

export const MIGRATIONS_DIR = path.join(process.cwd(), 'db', 'migrations');

/**
 * Opens a SQLite file with the pragmas every connection needs and applies pending migrations.
 * Shared by the app (db/client.ts) and the scripts (seed, scan, bench), which cannot import
 * 'server-only' modules.
 */
export function openDatabase(file: string, opts: { migrate?: boolean } = {}): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -65536'); // 64 MiB page cache
  sqlite.pragma('temp_store = MEMORY');
  if (opts.migrate !== false) migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_DIR });
  return sqlite;
}
