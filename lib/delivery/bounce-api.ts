import type Database from 'better-sqlite3';
import { z } from 'zod';
import { API_ACTOR } from '@/db/audit';
import { keepSnsSubscription } from '@/db/bounces';
import { runUnitOfWork } from '@/db/unit-of-work';
import type { ParsedPayload } from '@/lib/domain/delivery/bounce-payloads';
import { BOUNCE_TYPES, type BounceSource } from '@/lib/domain/delivery/bounces';
import { type BounceReport, type BounceResult, recordBounce } from './bounces';

// The bounce receivers' shared edge: reading a bounded JSON body, and answering a recorded report.

export const MAX_BOUNCE_BYTES = 256 * 1024;
const CLOCK_SKEW_MS = 5 * 60_000;

/** The body as parsed JSON, or a 4xx answer (nothing stored). */
export async function readJsonBody(req: Request): Promise<{ ok: true; json: unknown } | { ok: false; res: Response }> {
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  const tooLarge = () => ({
    ok: false as const,
    res: Response.json({ error: `The body is larger than ${MAX_BOUNCE_BYTES / 1024} KB. Nothing was stored.` }, { status: 413 }),
  });
  if (Number.isFinite(declared) && declared > MAX_BOUNCE_BYTES) return tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BOUNCE_BYTES) return tooLarge();
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false, res: Response.json({ error: 'The body is not valid JSON. Nothing was stored.' }, { status: 400 }) };
  }
}

const time = z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]);

/** The generic report: `{ messageId | address, type, time?, reason? }`. */
export const genericBounce = z
  .object({
    messageId: z.string().trim().min(3).max(300).optional(),
    address: z.email().max(320).optional(),
    type: z.enum(BOUNCE_TYPES),
    time: time.optional(),
    reason: z.string().max(1000).optional(),
  })
  .strict()
  .refine((b) => b.messageId || b.address, { message: 'Give messageId (the email’s Message-ID) or address.' });

/** A report's time may not lie in the future (a little clock skew allowed). */
export function timeProblem(occurredAt: number, at: number): string | null {
  return occurredAt > at + CLOCK_SKEW_MS ? 'The bounce time is in the future.' : null;
}

/** Records reports in one unit of work as the API; returns each result in order. */
export function recordReports(
  sqlite: Database.Database,
  at: number,
  reports: BounceReport[],
  unmatched: 'refuse' | 'record',
): BounceResult[] {
  return runUnitOfWork(sqlite, API_ACTOR, at, (uow) => reports.map((r) => recordBounce(uow, r, unmatched)));
}

/** The JSON answer for one recorded report. */
export function resultBody(r: BounceResult) {
  switch (r.kind) {
    case 'recorded':
      return { recorded: true, recipientId: r.recipientId, effect: r.effect };
    case 'duplicate':
      return { recorded: false, duplicate: true, recipientId: r.recipientId };
    case 'unmatched':
      return { recorded: r.recorded, matched: false };
  }
}

/**
 * A provider's webhook, parsed by `parse`: bounces and complaints recorded (unmatched ones kept,
 * their address still suppressed: the provider only reports mail we sent), anything else
 * acknowledged with 200 so the provider does not retry it; malformed bodies 400, nothing stored.
 */
export function answerProviderPayload(
  sqlite: Database.Database,
  at: number,
  source: Exclude<BounceSource, 'api' | 'smtp'>,
  parsed: ParsedPayload,
): Response {
  switch (parsed.kind) {
    case 'invalid':
      return Response.json({ error: `${parsed.error} Nothing was stored.` }, { status: 400 });
    case 'ignored':
      return Response.json({ recorded: false, ignored: parsed.why });
    case 'subscription':
      runUnitOfWork(sqlite, API_ACTOR, at, ({ tx, audit }) => {
        keepSnsSubscription(tx, { ...parsed, at });
        audit({ action: 'delivery.sns_subscription_received', entityType: 'sns_topic', entityId: null, after: parsed });
      });
      return Response.json({
        recorded: true,
        subscription: 'kept, not confirmed: open its SubscribeURL (audit log, delivery.sns_subscription_received) to confirm',
      });
    case 'reports': {
      const late = parsed.reports.map((r) => timeProblem(r.occurredAt, at)).find(Boolean);
      if (late) return Response.json({ error: `${late} Nothing was stored.` }, { status: 400 });
      const results = recordReports(
        sqlite,
        at,
        parsed.reports.map((r) => ({ ...r, source })),
        'record',
      );
      return Response.json({ results: results.map(resultBody) });
    }
  }
}
