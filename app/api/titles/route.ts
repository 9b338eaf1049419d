import { getSqlite } from '@/db/client';
import { hasBearer } from '@/lib/batches/bearer';
import { importTitlesJson } from '@/lib/catalogue/titles-api';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';

// POST /api/titles — the streaming backend adds or updates catalogue titles (series and season).
// Bearer INGEST_API_KEY; JSON { titles: [{ name, kind, release_year?, series?, season? }] }.
export async function POST(req: Request) {
  if (!hasBearer(req, config().INGEST_API_KEY))
    return Response.json({ ok: false, message: 'Missing or wrong API key.' }, { status: 401 });
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    return Response.json({ ok: false, message: 'The body must be JSON. Nothing was stored.' }, { status: 400 });
  }
  const result = importTitlesJson(getSqlite(), json, now());
  return Response.json(result.body, { status: result.status });
}
