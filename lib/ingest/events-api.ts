import type Database from 'better-sqlite3';
import { z } from 'zod';
import { API_ACTOR } from '@/db/audit';
import { drizzleFor } from '@/db/client';
import { policyRow } from '@/db/policy';
import { runUnitOfWork } from '@/db/unit-of-work';
import { memberLookup, recordViews } from '@/db/viewing';
import { parseInstant } from '@/lib/domain/csv/fields';
import { DAY_MS } from '@/lib/domain/dormancy';
import type { ViewEvent } from '@/lib/domain/members/views';
import { MAX_VIEW_SECONDS } from './events-csv';
import { noteRecentViews } from './roll-up';

export const MAX_API_EVENTS = 10_000;
export const MAX_API_BYTES = 2 * 1024 * 1024;

const eventSchema = z.object({
  account_id: z.string({ error: 'account_id must be a string.' }).trim().min(1, 'account_id is empty.').max(64),
  title: z
    .string({ error: 'title must be a string.' })
    .trim()
    .min(1, 'title is empty.')
    .max(300, 'title is longer than 300 characters.'),
  watched_at: z.string({ error: 'watched_at must be an ISO 8601 string.' }),
  seconds: z
    .number({ error: 'seconds must be a number.' })
    .int('seconds must be a whole number.')
    .min(0, 'seconds cannot be negative.')
    .max(MAX_VIEW_SECONDS, `seconds must be at most ${MAX_VIEW_SECONDS}.`),
});

export type ApiIngestResult =
  | { status: 400 | 413; body: { ok: false; message: string } }
  | {
      status: 200 | 422;
      body: {
        ok: boolean;
        message: string;
        received: number;
        stored: number;
        duplicates: number;
        membersBroughtBack: number;
        cancellationsUndone: number;
        rejected: { index: number; reason: string }[];
      };
    };

/**
 * POST /api/events body `{ events: [{ account_id, title, watched_at, seconds }] }`. Unlike the CSV
 * import this is not all-or-nothing: the streaming backend retries whole batches, so valid events
 * are stored (idempotently) and each invalid one is listed with its index and reason.
 */
export function ingestEventsJson(sqlite: Database.Database, body: unknown, now: number): ApiIngestResult {
  const list = (body as { events?: unknown } | null)?.events;
  if (!Array.isArray(list))
    return {
      status: 400,
      body: { ok: false, message: 'Send JSON of the form { "events": [ { account_id, title, watched_at, seconds } ] }.' },
    };
  if (list.length > MAX_API_EVENTS)
    return {
      status: 413,
      body: { ok: false, message: `At most ${MAX_API_EVENTS} events per request (got ${list.length}). Nothing was stored.` },
    };
  const lookup = memberLookup({ db: drizzleFor(sqlite) });
  const rejected: { index: number; reason: string }[] = [];
  const events: ViewEvent[] = [];
  for (const [index, raw] of list.entries()) {
    const p = eventSchema.safeParse(raw);
    if (!p.success) {
      rejected.push({
        index,
        reason: p.error.issues.map((i) => (i.path.length ? i.message : 'Each event must be an object.')).join(' '),
      });
      continue;
    }
    const e = p.data;
    const member = lookup(e.account_id);
    const w = parseInstant(e.watched_at, { now, name: 'watched_at' });
    const reason = !member
      ? `No member has account id "${e.account_id}".`
      : !w.ok
        ? `watched_at: ${w.reason}`
        : Math.floor(w.value / DAY_MS) < Math.floor(member.joinedAt / DAY_MS)
          ? 'watched_at is before this member joined.'
          : null;
    if (reason || !member || !w.ok) rejected.push({ index, reason: reason ?? '' });
    else events.push({ memberId: member.id, title: e.title, watchedAt: w.value, seconds: e.seconds });
  }
  const r = events.length
    ? runUnitOfWork(sqlite, API_ACTOR, now, (uow) => {
        const res = recordViews(uow.tx, events, { now, policy: policyRow(uow.tx.db), actor: uow.actor });
        uow.audit({
          action: 'api.events',
          entityType: 'viewing_events',
          after: { received: list.length, rejected: rejected.length, ...res },
        });
        return res;
      })
    : { inserted: 0, duplicates: 0, membersBroughtBack: 0, cancellationsUndone: 0 };
  void noteRecentViews(sqlite, r.inserted);
  // "The other events were stored" only when some were: with every event rejected nothing is.
  const why = !rejected.length
    ? ''
    : events.length
      ? ' (see "rejected": the other events were stored)'
      : ' (see "rejected"): nothing was stored';
  const message =
    `${r.inserted} new event${r.inserted === 1 ? '' : 's'} stored, ${r.duplicates} already known, ` +
    `${rejected.length} rejected${why}.`;
  return {
    status: events.length === 0 && rejected.length > 0 ? 422 : 200,
    body: {
      ok: rejected.length === 0,
      message,
      received: list.length,
      stored: r.inserted,
      duplicates: r.duplicates,
      membersBroughtBack: r.membersBroughtBack,
      cancellationsUndone: r.cancellationsUndone,
      rejected,
    },
  };
}
