import 'server-only';
import type { Actor } from '@/db/audit';
import { getSqlite } from '@/db/client';
import { requireRoute } from '@/lib/auth/session';
import { CsvTooLargeError, MAX_UPLOAD_BYTES } from '@/lib/ingest/read-csv';
import { now } from '@/lib/runtime/clock';
import type { ImportOutcome } from './events-csv';

const CSV_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', 'text/plain'];

type Importer<T> = (
  sqlite: ReturnType<typeof getSqlite>,
  source: AsyncIterable<Uint8Array>,
  opts: { now: number; actor: Actor; maxBytes?: number },
) => Promise<ImportOutcome<T>>;

/**
 * A CSV upload route: staff with `import.run`, a CSV content type, a size limit checked on the
 * declared length and again on the bytes streamed, and the body read as a stream (never buffered).
 * Why a route handler and not a server action: docs/decisions/011-csv-upload-streams-through-a-route.md.
 */
export async function handleCsvUpload<T>(
  request: Request,
  importer: Importer<T>,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<Response> {
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
  try {
    const result = await importer(getSqlite(), request.body as unknown as AsyncIterable<Uint8Array>, {
      now: now(),
      actor: { id: staff.id, label: staff.email },
      maxBytes,
    });
    return Response.json(result, { status: result.ok ? 200 : 422 });
  } catch (err) {
    if (err instanceof CsvTooLargeError) return tooLarge(maxBytes);
    console.error('[import] failed:', err instanceof Error ? err.name : 'unknown');
    return Response.json(
      { ok: false, message: 'The import failed and nothing was imported. Try again, or tell an admin.' },
      { status: 500 },
    );
  }
}

const tooLarge = (maxBytes: number) =>
  Response.json({ ok: false, message: `${new CsvTooLargeError(maxBytes).message} Nothing was imported.` }, { status: 413 });
