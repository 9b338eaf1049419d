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
  // Freed space and freed pages are overwritten with zeros, so an erased member's address and
  // name do not stay readable in the file's unused bytes (decision 018).
  sqlite.pragma('secure_delete = ON');
  if (opts.migrate !== false) migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_DIR });
  return sqlite;
}

/** The memory map bulk work reads the file through (an import, a roll-up of recent views). */
export const BULK_MMAP_BYTES = 4 * 1024 ** 3;

/**
 * Runs `fn` reading the file through a memory map of up to `bytes` (back to the previous size after):
 * no read() call and no copy per page, which at the ~175k pages a 500k-event import touches measured
 * ~7% faster. (Peak RSS then counts the mapped file pages, which are the kernel's page cache.)
 *
 * The page cache stays at the connection's 64 MiB on purpose. A bulk write in key order rarely
 * comes back to a page once it has moved on, so a small cache spills each dirty page to the WAL
 * once, as a large one would at commit; and a large one costs fresh memory for every page it
 * holds, which on this VM is the slow part: an import with 512 MiB took ~0.7 s longer (perf:
 * the time went to zeroing newly faulted pages; docs/notes/dormancy.md).
 */
export async function withMemoryMap<T>(sqlite: Database.Database, bytes: number, fn: () => Promise<T>): Promise<T> {
  const release = mapMemory(sqlite, bytes);
  try {
    return await fn();
  } finally {
    release();
  }
}

const mapped = new WeakMap<Database.Database, { users: number; before: number }>();

/**
 * The memory map of withMemoryMap for work that is not one async call (a background job's chunks).
 * Counted per connection: an import and a roll-up overlapping on the server's connection share one
 * map, and the last to finish restores the size from before the first (the first's size wins).
 */
export function mapMemory(sqlite: Database.Database, bytes: number): () => void {
  let m = mapped.get(sqlite);
  if (!m) {
    m = { users: 0, before: sqlite.pragma('mmap_size', { simple: true }) as number };
    mapped.set(sqlite, m);
    sqlite.pragma(`mmap_size = ${Math.round(bytes)}`);
  }
  m.users++;
  const mine = m;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--mine.users > 0) return;
    mapped.delete(sqlite);
    if (sqlite.open) sqlite.pragma(`mmap_size = ${mine.before}`);
  };
}
