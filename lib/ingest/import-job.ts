import { openDatabase } from '@/db/open';
import { importEventsCsv } from './events-csv';
import type { ImportOptions, ImportOutcome, ImportProgress } from './import-outcome';
import { importMembersCsv } from './members-csv';
import { importTitlesCsv } from './titles-csv';

// One CSV import as it runs on the import worker (lib/runtime/import.worker.js): the same use case
// as on the server's thread, on a connection of the thread's own.

export const IMPORTERS = { events: importEventsCsv, members: importMembersCsv, titles: importTitlesCsv } as const;
export type ImportKind = keyof typeof IMPORTERS;
export type ImportJob = { kind: ImportKind; file: string; opts: Omit<ImportOptions, 'onProgress'> };

export async function runImportJob(
  job: ImportJob,
  source: AsyncIterable<Uint8Array>,
  onProgress: (p: ImportProgress) => void | Promise<void>,
): Promise<ImportOutcome<object>> {
  const sqlite = openDatabase(job.file, { migrate: false });
  // The server's checkpoint keeper (lib/runtime/checkpoint.ts), or its own connection's automatic
  // checkpoint, copies the import's pages back: the outcome does not wait for it.
  sqlite.pragma('wal_autocheckpoint = 0');
  // Waiting here sleeps only this thread: a second import waits for the first's write to commit
  // rather than failing after the usual 5 s.
  sqlite.pragma('busy_timeout = 120000');
  try {
    return await IMPORTERS[job.kind](sqlite, source, { ...job.opts, onProgress });
  } finally {
    sqlite.close();
  }
}
