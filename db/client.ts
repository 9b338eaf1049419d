import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { setTestClockReader } from '@/lib/runtime/clock';
import { openDatabase } from './open';
import * as schema from './schema';

export type Db = ReturnType<typeof drizzle<typeof schema>>;
/** Process machinery that lives as long as a connection (the checkpoint keeper): stopped when it closes. */
export type ConnectionCompanion = { stop(): void };
export type CompanionFactory = (sqlite: Database.Database) => ConnectionCompanion;
type Handle = { sqlite: Database.Database; db: Db; file: string; companion: ConnectionCompanion | null };

// One connection per process; the globalThis guard survives dev hot reload, and keeps one
// connection and one registered companion when Next bundles this module more than once.
const g = globalThis as unknown as { __rekindleDb?: Handle; __rekindleDbCompanion?: CompanionFactory };

/**
 * Registers what starts beside the process's connection when it opens (lib/runtime registers the
 * checkpoint keeper at start-up: the server's instrumentation, the scripts, the test set-up). The
 * data layer knows only that something may run beside its connection, not what. A connection
 * already open gets it at once.
 */
export function onConnectionOpened(start: CompanionFactory) {
  g.__rekindleDbCompanion = start;
  const h = g.__rekindleDb;
  if (h && !h.companion) h.companion = start(h.sqlite);
}

function databaseFile(): string {
  return process.env.DATABASE_URL || './data/rekindle.db';
}

function handle(): Handle {
  const file = databaseFile();
  if (g.__rekindleDb && g.__rekindleDb.file === file) return g.__rekindleDb;
  if (g.__rekindleDb) close(g.__rekindleDb);
  fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
  const sqlite = openDatabase(file);
  // With the keeper registered, checkpoints run on a worker thread, never on a request's (lib/runtime/checkpoint.ts).
  const companion = g.__rekindleDbCompanion?.(sqlite) ?? null;
  g.__rekindleDb = { sqlite, db: drizzle(sqlite, { schema }), file, companion };
  if (process.env.REKINDLE_ALLOW_TEST_CLOCK === '1') {
    // Test clock (lib/runtime/clock.ts): the offset lives in app_settings so an e2e test can move it.
    const read = sqlite.prepare("SELECT value FROM app_settings WHERE key = 'clock_offset_ms'").pluck();
    setTestClockReader(() => Number(read.get() ?? 0) || 0);
  }
  return g.__rekindleDb;
}

/** Drizzle database, opened lazily (never at import time, so `next build` does not touch it). */
export function getDb(): Db {
  return handle().db;
}

/** The raw better-sqlite3 handle, for set-based SQL and prepared statements on hot paths. */
export function getSqlite(): Database.Database {
  return handle().sqlite;
}

const drizzles = new WeakMap<Database.Database, Db>();
/**
 * The Drizzle handle over a given connection (the process's, or a test's or script's own), made
 * once per connection: every data module calls this instead of keeping a cache of its own.
 */
export function drizzleFor(sqlite: Database.Database): Db {
  if (sqlite === g.__rekindleDb?.sqlite) return g.__rekindleDb.db;
  let d = drizzles.get(sqlite);
  if (!d) {
    d = drizzle(sqlite, { schema });
    drizzles.set(sqlite, d);
  }
  return d;
}

/** Closes the connection (tests and scripts). */
export function closeDb() {
  if (g.__rekindleDb) {
    close(g.__rekindleDb);
    g.__rekindleDb = undefined;
  }
}

function close(h: Handle) {
  h.companion?.stop();
  h.sqlite.close();
}
