import 'server-only';
import type Database from 'better-sqlite3';
import { type Actor, audit } from './audit';
import { type Db, drizzleFor } from './client';

/** An open transaction: Drizzle for ordinary queries, the raw handle for the named bulk statements. */
export type Tx = { db: Db; sqlite: Database.Database };

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** What every use case receives: the transaction, who acts, the one "now" of the change, and its audit. */
export type UnitOfWork = {
  tx: Tx;
  actor: Actor;
  now: number;
  /** Records an entry by this actor at this time, inside the same transaction as the change. */
  audit(entry: AuditEntry): void;
};

/**
 * Runs `work` in one BEGIN IMMEDIATE transaction (the write lock is taken up front, so two
 * decisions cannot both read the old state) that also holds its audit entries: the change and
 * its record commit together or not at all. A thrown Refusal (or any error) rolls everything back.
 * Called inside another unit of work, it joins it as a savepoint.
 */
export function runUnitOfWork<T>(
  sqlite: Database.Database,
  actor: Actor,
  now: number,
  work: (uow: UnitOfWork) => T,
  mode: 'write' | 'read' = 'write',
): T {
  const tx: Tx = { db: drizzleFor(sqlite), sqlite };
  const uow: UnitOfWork = { tx, actor, now, audit: (entry) => audit(tx.db, actor, { ...entry, at: now }) };
  const run = sqlite.transaction(() => work(uow));
  // A read (the segment builder's live count) sees one consistent snapshot without taking the
  // write lock, so it never holds up a writer in another process for the length of the count.
  return mode === 'read' ? run.deferred() : run.immediate();
}

/** A unit of work over a transaction that is already open (a job's chunk, a test's fixture). */
export function joinUnitOfWork(tx: Tx, actor: Actor, now: number): UnitOfWork {
  return { tx, actor, now, audit: (entry) => audit(tx.db, actor, { ...entry, at: now }) };
}
