import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '@/db/open';
import { checkpointInBackground } from '@/lib/runtime/checkpoint';
import { fmtMs } from './table';

/** What every benchmark step receives. Each destructive step works on its own copy of the seeded file. */
export type BenchContext = {
  quick: boolean;
  members: number;
  tmp: string;
  /** The seeded (and reclassified) database every step starts from. Never written by a step. */
  baseFile: string;
  /** The instant the bench treats as "now" for business rules. */
  now: number;
  log: (msg: string) => void;
};

/** A fresh copy of the base database for one step (a destructive step never disturbs another). */
export function freshCopy(ctx: BenchContext, name: string, from = ctx.baseFile): string {
  const dest = path.join(ctx.tmp, `${name}.db`);
  removeCopy(dest);
  fs.copyFileSync(from, dest, fs.constants.COPYFILE_FICLONE);
  // Flush the copy to disk before a step is timed: otherwise the kernel writes gigabytes of it back
  // while the step runs, and the step's own writes queue behind them.
  const fd = fs.openSync(dest, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return dest;
}

export function openCopy(ctx: BenchContext, name: string, from = ctx.baseFile): Database.Database {
  return openDatabase(freshCopy(ctx, name, from));
}

/** Closes a prepared database as one self-contained file (WAL folded in), ready to copy. */
export function closeForCopy(sqlite: Database.Database) {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
}

/** Closes a step's copy and deletes it at once (at 5M members each copy is gigabytes). */
export function closeAndRemove(sqlite: Database.Database) {
  const file = sqlite.name;
  sqlite.close();
  removeCopy(file);
}

export function removeCopy(file: string) {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
}

/** Imports an application module if it exists; null while its capability has not landed. */
export async function load<T = Record<string, unknown>>(specifier: string): Promise<T | null> {
  try {
    return (await import(specifier)) as T;
  } catch (err) {
    if (err instanceof Error && /Cannot find module|ERR_MODULE_NOT_FOUND|Failed to load/.test(err.message)) return null;
    throw err;
  }
}

/**
 * A copy opened as the server's connection runs (db/client.ts): SQLite's automatic checkpoint off,
 * because the server's checkpoints run on a worker thread (lib/runtime/checkpoint.ts checkpointContinuously),
 * not on the thread that commits. Time the step, then call `checkpointed` (untimed) for the note.
 */
export function openServerCopy(ctx: BenchContext, name: string, from = ctx.baseFile): Database.Database {
  const sqlite = openCopy(ctx, name, from);
  sqlite.pragma('wal_autocheckpoint = 0');
  return sqlite;
}

/** The checkpoint the server's worker thread would run after a step, in ms (the pages copied back). */
export async function checkpointed(sqlite: Database.Database): Promise<number> {
  return (await checkpointInBackground(sqlite.name)).ms;
}

/** The note's sentence on the checkpoint that follows a step run as the server runs it (`checkpointed`). */
export const checkpointNote = (appMs: number, rawMs: number) =>
  `As the server runs it: the checkpoint that copies the pages back into the database file follows on a worker thread (app ${fmtMs(appMs)}, raw ${fmtMs(rawMs)}), not timed.`;

export const fn = (mod: Record<string, unknown> | null, name: string) =>
  mod && typeof mod[name] === 'function' ? (mod[name] as (...a: never[]) => unknown) : null;

/**
 * Reads a copy once, untimed, so a step starts with the database in the page cache, as on a server
 * whose memory holds it. This VM reclaims page cache aggressively (kdamond keeps buff/cache at a few
 * GB of 24), so without it a step reads a random share of a 2.3 GB file from disk: the CSV import
 * measured 71k–130k events/s across identical runs.
 */
export function warmCopy(file: string) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
  try {
    while (fs.readSync(fd, buf, 0, buf.length, null) > 0) {}
  } finally {
    fs.closeSync(fd);
  }
}
