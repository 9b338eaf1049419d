import type Database from 'better-sqlite3';
import { drizzleFor } from '@/db/client';
import { BULK_MMAP_BYTES, withMemoryMap } from '@/db/open';
import { policyRow } from '@/db/policy';
import { joinedAtOf, memberIdsByAccount, recordViews } from '@/db/viewing';
import { parseInstant, parseText, parseWholeNumber } from '@/lib/domain/csv/fields';
import { DAY_MS } from '@/lib/domain/dormancy';
import type { ViewColumns } from '@/lib/domain/members/views';
import { type ImportOptions, type ImportOutcome, refused, writeAudited } from './import-outcome';
import { CsvErrors, readCsv } from './read-csv';
import { noteRecentViews } from './roll-up';

export const EVENT_COLUMNS = ['account_id', 'title', 'watched_at', 'seconds'] as const;
/** A single view longer than a day is a data error, not a view. */
export const MAX_VIEW_SECONDS = 86_400;

export type { ImportOutcome };

export type EventsImported = { inserted: number; duplicates: number; membersBroughtBack: number; titlesCreated: number };

/**
 * Imports a viewing-events CSV (account_id, title, watched_at, seconds) from a stream: every row is
 * validated first; if any is wrong, nothing is written and the errors come back (line, column,
 * reason). Otherwise all events go through recordViews in ONE unit of work with the audit entry.
 */
export async function importEventsCsv(
  sqlite: Database.Database,
  source: AsyncIterable<Uint8Array | string>,
  opts: ImportOptions,
): Promise<ImportOutcome<EventsImported>> {
  return withMemoryMap(sqlite, BULK_MMAP_BYTES, () => importEvents(sqlite, source, opts));
}

async function importEvents(
  sqlite: Database.Database,
  source: AsyncIterable<Uint8Array | string>,
  opts: ImportOptions,
): Promise<ImportOutcome<EventsImported>> {
  const t0 = performance.now();
  const errors = new CsvErrors();
  // Rows in columns. Checks that need the member (does the account exist, did they join before
  // the view) wait for the end of the file, so members are looked up in bulk, in index order.
  const accounts = new Slots();
  const titles = new Slots();
  const account: number[] = [];
  const title: number[] = [];
  const watchedAt: number[] = [];
  const seconds: number[] = [];
  const lines: number[] = [];
  const { rows } = await readCsv(source, {
    columns: EVENT_COLUMNS,
    maxBytes: opts.maxBytes,
    errors,
    onProgress: (n) => opts.onProgress?.({ phase: 'reading', rows: n }),
    onRow: ([acc, name, watched, secs], line) => {
      if (!acc) errors.add(line, 'account_id', 'account_id is empty.');
      const t = parseText(name as string, { name: 'title', max: 300 });
      if (!t.ok) errors.add(line, 'title', t.reason);
      const w = parseInstant(watched as string, { now: opts.now, name: 'watched_at' });
      if (!w.ok) errors.add(line, 'watched_at', w.reason);
      const n = parseWholeNumber(secs as string, { name: 'seconds', min: 0, max: MAX_VIEW_SECONDS });
      if (!n.ok) errors.add(line, 'seconds', n.reason);
      if (!acc) return;
      account.push(accounts.of(acc as string));
      lines.push(line);
      watchedAt.push(w.ok ? w.value : Number.NaN);
      title.push(t.ok ? titles.of(t.value) : -1);
      seconds.push(n.ok ? n.value : -1);
    },
  });
  opts.onProgress?.({ phase: 'checking', rows });
  const ids = memberIdsByAccount({ sqlite }, accounts.index);
  const memberErrors = checkMembers(sqlite, { account, watchedAt, lines, ids, accounts: accounts.names });
  if (errors.count > 0 || memberErrors.count > 0) return refused(rows, mergeErrors(errors, memberErrors), 'events');
  const policy = policyRow(drizzleFor(sqlite));
  const columns: ViewColumns = {
    length: account.length,
    memberId: account.map((a) => ids[a] as number),
    watchedAt,
    seconds,
    title,
    titles: titles.names.map((name) => ({ name })),
  };
  await opts.onProgress?.({ phase: 'writing', rows });
  // No checkpoint here: the server's connection checkpoints on a worker thread (lib/runtime/checkpoint.ts).
  const result = writeAudited(sqlite, { ...opts, rows, action: 'import.events', entityType: 'viewing_events' }, (tx) =>
    recordViews(tx, columns, { now: opts.now, policy, actor: opts.actor }),
  );
  return { ok: true, rows, ms: Math.round(performance.now() - t0), ...result };
}

/**
 * After a committed events import, on the server's own connection: a big enough backlog of recent
 * views rolls up in the background (lib/ingest/roll-up.ts). Not part of the import itself, which
 * may run on a worker thread that ends when the import does.
 */
export function afterEventsImport(sqlite: Database.Database, outcome: ImportOutcome<object>) {
  if (outcome.ok && 'inserted' in outcome) void noteRecentViews(sqlite, Number(outcome.inserted));
}

/** Distinct strings numbered in order of first appearance (a file repeats accounts and titles). */
class Slots {
  readonly names: string[] = [];
  /** name -> its number */
  readonly index = new Map<string, number>();
  of(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(name, i);
    }
    return i;
  }
}

/** Unknown accounts, and views dated before the member joined (by UTC day), in line order. */
function checkMembers(
  sqlite: Database.Database,
  r: { account: number[]; watchedAt: number[]; lines: number[]; ids: Int32Array; accounts: string[] },
): CsvErrors {
  const errors = new CsvErrors();
  const known = [...new Set(r.ids)].filter((id) => id > 0).sort((a, b) => a - b);
  const joined = joinedAtOf({ sqlite }, known);
  r.account.forEach((a, i) => {
    const id = r.ids[a] as number;
    const line = r.lines[i] as number;
    const w = r.watchedAt[i] as number;
    const j = joined.get(id) as number;
    if (!id) errors.add(line, 'account_id', `No member has account id "${r.accounts[a]}".`);
    else if (Math.floor(w / DAY_MS) < Math.floor(j / DAY_MS))
      errors.add(
        line,
        'watched_at',
        `${new Date(w).toISOString()} is before this member joined (${new Date(j).toISOString().slice(0, 10)}).`,
      );
  });
  return errors;
}

const COLUMN_ORDER: readonly string[] = ['(file)', '(row)', ...EVENT_COLUMNS];

/** The two lists as one, by line then column, keeping the first MAX_REPORTED_ERRORS (each list already holds its own first ones). */
function mergeErrors(a: CsvErrors, b: CsvErrors): CsvErrors {
  const out = new CsvErrors();
  const all = [...a.list, ...b.list].sort(
    (x, y) => x.line - y.line || COLUMN_ORDER.indexOf(x.column) - COLUMN_ORDER.indexOf(y.column),
  );
  for (const e of all) out.add(e.line, e.column, e.reason);
  out.count = a.count + b.count;
  return out;
}
