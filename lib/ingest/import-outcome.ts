import type Database from 'better-sqlite3';
import type { Actor } from '@/db/audit';
import { runUnitOfWork, type Tx } from '@/db/unit-of-work';
import type { CsvError, CsvErrors } from './read-csv';

export type ImportOutcome<T> =
  | ({ ok: true; rows: number; ms: number } & T)
  | { ok: false; rows: number; errors: CsvError[]; errorCount: number; message: string };

/** Where a running import is: reading (rows so far), checking against the members, or writing. */
export type ImportPhase = 'reading' | 'checking' | 'writing';
export type ImportProgress = { phase: ImportPhase; rows: number };

export type ImportOptions = {
  now: number;
  actor: Actor;
  maxBytes?: number;
  /** Awaited before the write begins: the caller may mark the write lock as held (lib/runtime/write-gate.ts). */
  onProgress?: (p: ImportProgress) => void | Promise<void>;
};

/**
 * An import's writes and its audit entry (counts only, never personal data) in one unit of work:
 * all or nothing. `write` must not open a savepoint around its bulk statements (a savepoint makes
 * SQLite keep a copy of every page it changes: ~700 MB for 500k events).
 */
export function writeAudited<T extends object>(
  sqlite: Database.Database,
  a: { actor: Actor; now: number; rows: number; action: string; entityType: string },
  write: (tx: Tx) => T,
): T {
  return runUnitOfWork(sqlite, a.actor, a.now, (uow) => {
    const r = write(uow.tx);
    uow.audit({ action: a.action, entityType: a.entityType, after: { rows: a.rows, ...r } });
    return r;
  });
}

export function refused(rows: number, errors: CsvErrors, what: string) {
  const more = errors.count > errors.list.length ? ` (the first ${errors.list.length} are listed)` : '';
  return {
    ok: false as const,
    rows,
    errors: errors.list,
    errorCount: errors.count,
    message:
      rows === 0 && errors.count > 0 && errors.list[0]?.line === 1
        ? `The file was not imported: ${errors.list[0]?.reason} No ${what} were imported.`
        : `The file was not imported: ${errors.count} problem${errors.count === 1 ? '' : 's'} found${more}. Fix ${errors.count === 1 ? 'it' : 'them'} and upload the whole file again; no ${what} were imported.`,
  };
}
