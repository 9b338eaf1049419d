import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// Online backup and verified restore. A backup is taken with SQLite's backup API in ONE step, so it
// is a single read snapshot: in WAL mode the serving app keeps writing meanwhile, and (unlike
// small steps) a write from another connection cannot force the copy to restart forever.

export type BackupResult = { file: string; bytes: number; pages: number; ms: number };
export type Verification = { ok: true } | { ok: false; problem: string };

const ALL_PAGES = 0x7fffffff;

/** Copies the open database `sqlite` to `dest` (which must not exist), then checks the copy. */
export async function backupDatabase(sqlite: Database.Database, dest: string): Promise<BackupResult> {
  const started = performance.now();
  if (fs.existsSync(dest)) throw new Error(`Refusing to overwrite ${dest}: choose a new file name.`);
  fs.mkdirSync(path.dirname(path.resolve(dest)), { recursive: true });
  const { totalPages } = await sqlite.backup(dest, { progress: () => ALL_PAGES });
  // One self-contained file (no -wal/-shm beside it), safe to copy off the machine.
  const copy = new Database(dest);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  const check = verifyDatabaseFile(dest);
  if (!check.ok) {
    fs.rmSync(dest, { force: true });
    throw new Error(`The backup failed its integrity check (${check.problem}); it was removed.`);
  }
  return { file: dest, bytes: fs.statSync(dest).size, pages: totalPages, ms: Math.round(performance.now() - started) };
}

/** Whether `file` is a Rekindle database that passes PRAGMA integrity_check. Opens it read-only. */
export function verifyDatabaseFile(file: string): Verification {
  if (!fs.existsSync(file)) return { ok: false, problem: `${file} does not exist` };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const problems = db
      .prepare('PRAGMA integrity_check')
      .pluck()
      .all()
      .map(String)
      .filter((r) => r !== 'ok');
    if (problems.length) return { ok: false, problem: `integrity_check: ${problems.slice(0, 3).join('; ')}` };
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all().map(String));
    for (const t of ['members', 'staff', 'audit_log', '__drizzle_migrations'])
      if (!tables.has(t)) return { ok: false, problem: `not a Rekindle database (no ${t} table)` };
    return { ok: true };
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : 'unreadable' };
  } finally {
    db?.close();
  }
}

export type RestoreResult = { restoredFrom: string; target: string; previousCopy: string | null; ms: number };

/**
 * Replaces the database at `target` with the backup `source`. Refuses (changing nothing) when the
 * backup fails verification; otherwise first keeps a copy of the database it replaces. Stop the
 * app first: the pages are swapped under SQLite's locks, but a running app would see the old
 * database vanish under its open statements.
 */
export async function restoreDatabase(source: string, target: string, at = new Date()): Promise<RestoreResult> {
  const started = performance.now();
  const check = verifyDatabaseFile(source);
  if (!check.ok) throw new Error(`Not restored: ${source} failed verification (${check.problem}). Nothing was changed.`);
  let previousCopy: string | null = null;
  if (fs.existsSync(target)) {
    previousCopy = `${target}.before-restore-${at.toISOString().replace(/[:.]/g, '-')}.db`;
    const current = new Database(target, { fileMustExist: true });
    try {
      await backupDatabase(current, previousCopy);
    } finally {
      current.close();
    }
  }
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await src.backup(target, { progress: () => ALL_PAGES });
  } finally {
    src.close();
  }
  const after = verifyDatabaseFile(target);
  if (!after.ok)
    throw new Error(`The restored database failed verification (${after.problem}); the previous one is at ${previousCopy}.`);
  return { restoredFrom: source, target, previousCopy, ms: Math.round(performance.now() - started) };
}

/** A timestamped file name for a new backup next to the database, e.g. data/backups/rekindle-2025-…db. */
export function defaultBackupPath(dbFile: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return path.join(path.dirname(dbFile), 'backups', `${path.basename(dbFile, '.db')}-${stamp}.db`);
}
