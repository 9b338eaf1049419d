import type Database from 'better-sqlite3';
import { type Actor, audit } from '@/db/audit';
import { policyRow } from '@/db/dormancy';
import { withPageCache } from '@/db/open';
import { drizzleOf, memberLookup, recordViews, type ViewEvent } from '@/db/viewing';
import { parseInstant, parseText, parseWholeNumber } from '@/lib/csv/fields';
import { type CsvError, CsvErrors, readCsv } from '@/lib/csv/read';
import { DAY_MS } from '@/lib/dormancy';

export const EVENT_COLUMNS = ['account_id', 'title', 'watched_at', 'seconds'] as const;
/** One sitting longer than a day is a data error, not a view. */
export const MAX_VIEW_SECONDS = 86_400;
/** Page cache for the import's one transaction (db/open.ts withPageCache). */
export const IMPORT_CACHE_MIB = 512;

export type ImportOutcome<T> =
  | ({ ok: true; rows: number; ms: number } & T)
  | { ok: false; rows: number; errors: CsvError[]; errorCount: number; message: string };

export type EventsImported = { inserted: number; duplicates: number; membersBroughtBack: number; titlesCreated: number };

/**
 * Imports a viewing-events CSV (account_id, title, watched_at, seconds) from a stream: every row is
 * validated first; if any is wrong, nothing is written and the errors come back (line, column,
 * reason). Otherwise all events go through recordViews in ONE transaction with the audit entry.
 */
export async function importEventsCsv(
  sqlite: Database.Database,
  source: AsyncIterable<Uint8Array | string>,
  opts: { now: number; actor: Actor; maxBytes?: number },
): Promise<ImportOutcome<EventsImported>> {
  return withPageCache(sqlite, IMPORT_CACHE_MIB, () => importEvents(sqlite, source, opts));
}

async function importEvents(
  sqlite: Database.Database,
  source: AsyncIterable<Uint8Array | string>,
  opts: { now: number; actor: Actor; maxBytes?: number },
): Promise<ImportOutcome<EventsImported>> {
  const t0 = performance.now();
  const errors = new CsvErrors();
  const lookup = memberLookup(sqlite);
  const events: ViewEvent[] = [];
  const { rows } = await readCsv(source, {
    columns: EVENT_COLUMNS,
    maxBytes: opts.maxBytes,
    errors,
    onRow: ([account, title, watched, seconds], line) => {
      let bad = false;
      const fail = (column: string, reason: string) => {
        errors.add(line, column, reason);
        bad = true;
      };
      const member = account ? lookup(account as string) : undefined;
      if (!account) fail('account_id', 'account_id is empty.');
      else if (!member) fail('account_id', `No member has account id "${account}".`);
      const t = parseText(title as string, { name: 'title', max: 300 });
      if (!t.ok) fail('title', t.reason);
      const w = parseInstant(watched as string, { now: opts.now, name: 'watched_at' });
      if (!w.ok) fail('watched_at', w.reason);
      else if (member && Math.floor(w.value / DAY_MS) < Math.floor(member.joinedAt / DAY_MS))
        fail('watched_at', `${watched} is before this member joined (${new Date(member.joinedAt).toISOString().slice(0, 10)}).`);
      const s = parseWholeNumber(seconds as string, { name: 'seconds', min: 0, max: MAX_VIEW_SECONDS });
      if (!s.ok) fail('seconds', s.reason);
      if (!bad && errors.count === 0 && member && t.ok && w.ok && s.ok)
        events.push({ memberId: member.id, title: t.value, watchedAt: w.value, seconds: s.value });
    },
  });
  if (errors.count > 0) return refused(rows, errors, 'events');
  const policy = policyRow(sqlite);
  const result = writeAudited(sqlite, { ...opts, rows, action: 'import.events', entityType: 'viewing_events' }, () =>
    recordViews(sqlite, events, { now: opts.now, policy }),
  );
  return { ok: true, rows, ms: Math.round(performance.now() - t0), ...result };
}

/** An import's writes and its audit entry (counts only, never personal data) in one transaction. */
export function writeAudited<T extends object>(
  sqlite: Database.Database,
  a: { actor: Actor; now: number; rows: number; action: string; entityType: string },
  write: () => T,
): T {
  return sqlite
    .transaction(() => {
      const r = write();
      audit(drizzleOf(sqlite), a.actor, { action: a.action, entityType: a.entityType, after: { rows: a.rows, ...r }, at: a.now });
      return r;
    })
    .immediate();
}

export function refused(rows: number, errors: CsvErrors, what: string) {
  const more = errors.count > errors.list.length ? ` (the first ${errors.list.length} are listed)` : '';
  return {
    ok: false as const,
    rows,
    errors: errors.list,
    errorCount: errors.count,
    message:
      rows === 0 && errors.count > 0 && errors.list[0]?.line === 1
        ? `The file was not imported: ${errors.list[0]?.reason} No ${what} were imported.`
        : `The file was not imported: ${errors.count} problem${errors.count === 1 ? '' : 's'} found${more}. Fix ${errors.count === 1 ? 'it' : 'them'} and upload the whole file again; no ${what} were imported.`,
  };
}
