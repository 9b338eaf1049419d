import { timingSafeEqual } from 'node:crypto';
import { getSqlite } from '@/db/client';
import { ingestEventsJson, MAX_API_BYTES } from '@/lib/ingest/events-api';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';
import { writesFree } from '@/lib/runtime/write-gate';

/** Viewing events from the streaming backend, authenticated with `Authorization: Bearer <INGEST_API_KEY>`. */
export async function POST(request: Request) {
  const key = config().INGEST_API_KEY;
  const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  // An empty key would accept anything: the API is off until one is configured.
  if (!key)
    return Response.json({ ok: false, message: 'The events API is disabled (INGEST_API_KEY is not set).' }, { status: 503 });
  if (!given || !sameKey(given, key)) return Response.json({ ok: false, message: 'Missing or wrong API key.' }, { status: 401 });

  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    return Response.json({ ok: false, message: 'Send application/json. Nothing was stored.' }, { status: 415 });
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_API_BYTES) return tooLarge();
  const text = await readLimited(request, MAX_API_BYTES);
  if (text === null) return tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return Response.json({ ok: false, message: 'The body is not valid JSON. Nothing was stored.' }, { status: 400 });
  }
  await writesFree(); // a big import's write may hold the lock: wait without blocking the server
  const result = ingestEventsJson(getSqlite(), body, now());
  return Response.json(result.body, { status: result.status });
}

function sameKey(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const tooLarge = () =>
  Response.json(
    { ok: false, message: `The body is larger than ${MAX_API_BYTES / 1024 / 1024} MB. Nothing was stored.` },
    { status: 413 },
  );

/** The body as text, or null once it passes `max` bytes (stops reading there). */
async function readLimited(request: Request, max: number): Promise<string | null> {
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let n = 0;
  for await (const c of request.body as unknown as AsyncIterable<Uint8Array>) {
    n += c.byteLength;
    if (n > max) return null;
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}
