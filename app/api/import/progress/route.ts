import { requireRoute } from '@/lib/auth/session';
import { IMPORT_ID, importProgress } from '@/lib/ingest/import-progress';

/** Where the caller's running import is (the Import page polls it): `{ progress: null }` once it has ended. */
export async function GET(request: Request) {
  const staff = await requireRoute('import.run');
  if (staff instanceof Response) return staff;
  const id = new URL(request.url).searchParams.get('id') ?? '';
  if (!IMPORT_ID.test(id)) return Response.json({ error: 'Give the import id (?id=…).' }, { status: 400 });
  return Response.json({ progress: importProgress(id, staff.id) });
}
