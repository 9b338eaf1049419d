import { z } from 'zod';
import { API_ACTOR } from '@/db/audit';
import { getSqlite } from '@/db/client';
import { runUnitOfWork, type UnitOfWork } from '@/db/unit-of-work';
import { hasBearer } from '@/lib/batches/bearer';
import { Refusal } from '@/lib/domain/refusal';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';

/**
 * A PUT route through which the streaming backend sets one field of a member (language, consent):
 * the API key, a JSON body checked by `body`, one unit of work, and refusals answered with the
 * status their code names (409 otherwise). Bad input changes nothing.
 */
export function memberUpdateRoute<S extends z.ZodType, R extends Record<string, unknown>>(o: {
  name: string;
  body: S;
  status: Record<string, number>;
  run: (uow: UnitOfWork, input: z.infer<S>) => R;
}) {
  return async function PUT(req: Request): Promise<Response> {
    if (!hasBearer(req, config().INGEST_API_KEY)) return Response.json({ error: 'Missing or wrong API key.' }, { status: 401 });
    let json: unknown;
    try {
      json = await req.json();
    } catch {
      return Response.json({ error: 'The body must be JSON.' }, { status: 400 });
    }
    const parsed = o.body.safeParse(json);
    if (!parsed.success)
      return Response.json({ error: 'Invalid body.', fields: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
    try {
      const r = runUnitOfWork(getSqlite(), API_ACTOR, now(), (uow) => o.run(uow, parsed.data));
      return Response.json({ ok: true, ...r });
    } catch (err) {
      if (err instanceof Refusal)
        return Response.json(
          { error: err.message, code: err.code, fields: err.fieldErrors },
          { status: o.status[err.code ?? ''] ?? 409 },
        );
      console.error(`[${o.name}] failed:`, err instanceof Error ? err.name : 'unknown');
      return Response.json({ error: 'Something went wrong; nothing was changed.' }, { status: 500 });
    }
  };
}
