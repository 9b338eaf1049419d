import 'server-only';
import type Database from 'better-sqlite3';
import { getSqlite } from '@/db/client';
import { requireRoute } from '@/lib/auth/session';
import { CsvTooLargeError, MAX_UPLOAD_BYTES } from '@/lib/ingest/read-csv';
import { now } from '@/lib/runtime/clock';
import { ImportWorkerError, runOnImportWorker } from '@/lib/runtime/import-thread';
import { holdWrites } from '@/lib/runtime/write-gate';
import { IMPORTERS, type ImportJob, type ImportKind } from './import-job';
import type { ImportOptions, ImportOutcome, ImportProgress } from './import-outcome';
import { trackImport } from './import-progress';

const CSV_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', 'text/plain'];

/**
 * A CSV upload route: staff with `import.run`, a CSV content type, a size limit checked on the
 * declared length and again on the bytes streamed, and the body read as a stream (never buffered).
 * Why a route handler and not a server action: docs/decisions/011-csv-upload-streams-through-a-route.md.
 */
export async function handleCsvUpload(
  request: Request,
  kind: ImportKind,
  opts: { maxBytes?: number; afterImport?: (sqlite: Database.Database, outcome: ImportOutcome<object>) => void } = {},
): Promise<Response> {
  const maxBytes = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  const staff = await requireRoute('import.run');
  if (staff instanceof Response) return staff;
  // Cookie-authenticated POST: refuse another site's page (SameSite=Lax already withholds the cookie).
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  if (origin && host && new URL(origin).host !== host)
    return Response.json({ ok: false, message: 'Uploads are accepted only from this site.' }, { status: 403 });
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!CSV_TYPES.includes(type))
    return Response.json(
      {
        ok: false,
        message: `Upload a CSV file (text/csv); this request was "${type || 'without a content type'}". Nothing was imported.`,
      },
      { status: 415 },
    );
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes);
  if (!request.body) return Response.json({ ok: false, message: 'The file is empty. Nothing was imported.' }, { status: 400 });
  const progress = trackImport(request.headers.get('x-import-id'), staff.id);
  // From the write's start to its end, this thread's writers wait without blocking it (write-gate.ts).
  let releaseWrites = () => {};
  try {
    const sqlite = getSqlite();
    const result = await runImport(
      sqlite,
      { kind, file: sqlite.name, opts: { now: now(), actor: { id: staff.id, label: staff.email }, maxBytes } },
      request.body as unknown as AsyncIterable<Uint8Array>,
      (p) => {
        if (p.phase === 'writing' && !sqlite.memory) releaseWrites = holdWrites();
        progress.update(p);
      },
    );
    releaseWrites();
    opts.afterImport?.(sqlite, result);
    return Response.json(result, { status: result.ok ? 200 : 422 });
  } catch (err) {
    if (err instanceof CsvTooLargeError || (err instanceof ImportWorkerError && err.causeName === CsvTooLargeError.name))
      return tooLarge(maxBytes);
    console.error('[import] failed:', err instanceof Error ? err.name : 'unknown');
    return Response.json(
      { ok: false, message: 'The import failed and nothing was imported. Try again, or tell an admin.' },
      { status: 500 },
    );
  } finally {
    releaseWrites();
    progress.end();
  }
}

/**
 * On the import worker (lib/runtime/import-thread.ts), so the server's thread stays free; on this
 * thread only where there is no file for a second connection to open, or the worker cannot start.
 */
async function runImport(
  sqlite: Database.Database,
  job: ImportJob,
  source: AsyncIterable<Uint8Array>,
  onProgress: (p: ImportProgress) => void,
): Promise<ImportOutcome<object>> {
  if (!sqlite.memory) {
    const r = await runOnImportWorker<ImportOutcome<object>, ImportProgress>(job, source, onProgress);
    if (r !== 'unavailable') return r;
  }
  const importer = IMPORTERS[job.kind] as (
    s: Database.Database,
    src: AsyncIterable<Uint8Array>,
    o: ImportOptions,
  ) => Promise<ImportOutcome<object>>;
  return importer(sqlite, source, { ...job.opts, onProgress });
}

const tooLarge = (maxBytes: number) =>
  Response.json({ ok: false, message: `${new CsvTooLargeError(maxBytes).message} Nothing was imported.` }, { status: 413 });
