import type { ImportProgress } from './import-outcome';

// Running imports' progress, for the Import page to poll (GET /api/import/progress). Kept in the
// server's memory, not in the database: a write per progress step would invalidate every kept
// page (lib/server/page-cache.js), and an import does not outlive the process that runs it.

type Entry = ImportProgress & { staffId: number; updatedAt: number };
const g = globalThis as unknown as { __rekindleImportProgress?: Map<string, Entry> };
if (!g.__rekindleImportProgress) g.__rekindleImportProgress = new Map();
const running = g.__rekindleImportProgress;

/** An id the page chose for its upload (x-import-id header); anything else is ignored. */
export const IMPORT_ID = /^[A-Za-z0-9-]{8,64}$/;

export function trackImport(id: string | null, staffId: number): { update(p: ImportProgress): void; end(): void } {
  if (!id || !IMPORT_ID.test(id)) return { update: () => {}, end: () => {} };
  running.set(id, { phase: 'reading', rows: 0, staffId, updatedAt: Date.now() });
  return {
    update: (p) => running.set(id, { ...p, staffId, updatedAt: Date.now() }),
    end: () => running.delete(id),
  };
}

/** The progress of `id` if the same staff member started it, else null (not started yet, or done). */
export function importProgress(id: string, staffId: number): ImportProgress | null {
  const e = running.get(id);
  return e && e.staffId === staffId ? { phase: e.phase, rows: e.rows } : null;
}
