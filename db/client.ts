import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { setTestClockReader } from '@/lib/runtime/clock';
import { checkpointContinuously, type Keeper } from './checkpoint';
import { openDatabase } from './open';
import * as schema from './schema';

export type Db = ReturnType<typeof drizzle<typeof schema>>;
type Handle = { sqlite: Database.Database; db: Db; file: string; keeper: Keeper };

// One connection per process; the globalThis guard survives dev hot reload.
const g = globalThis as unknown as { __rekindleDb?: Handle };

function databaseFile(): string {
  return process.env.DATABASE_URL || './data/rekindle.db';
}

function handle(): Handle {
  const file = databaseFile();
  if (g.__rekindleDb && g.__rekindleDb.file === file) return g.__rekindleDb;
  if (g.__rekindleDb) close(g.__rekindleDb);
  fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
  const sqlite = openDatabase(file);
  // Checkpoints run on a worker thread, never on a request's (db/checkpoint.ts).
  g.__rekindleDb = { sqlite, db: drizzle(sqlite, { schema }), file, keeper: checkpointContinuously(sqlite) };
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
  h.keeper.stop();
  h.sqlite.close();
}
