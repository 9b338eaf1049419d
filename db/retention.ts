import 'server-only';
import type Database from 'better-sqlite3';
import { desc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { anonymiseExpired, countExpired, eraseOne, expiredChunkEnd } from './retention.sql';
import { jobs, members } from './schema';
import type { Tx } from './unit-of-work';

// Personal data of cancelled members is kept for the retention window (rejoin restores it), then
// anonymised: email and display name set to NULL, purged_at set, and every message rendered for
// them erased (db/retention.sql.ts lists the copies; decision 018). The rows stay, so every count on
// the charts (dormant, cancelled, forgone revenue, rejoins) is unchanged. Writes run in the
// caller's transaction; the use cases (lib/batches/retention.ts) audit them.

export const PURGE_JOB_KIND = 'retention.purge';

/** Anonymises every cancelled member whose retention window has ended, with its job row. Idempotent. */
export function purgeExpiredMembers(tx: Tx, at: number, startedBy: string): { purged: number; messagesErased: number } {
  const { members: purged, messages: messagesErased } = anonymiseExpired(tx.sqlite, at);
  recordPurge(tx, at, startedBy, { purged, messagesErased });
  return { purged, messagesErased };
}

/** One chunk of the purge: the expired members with an id up to `upto` (see nextPurgeChunk), without its job row. */
export function purgeExpiredChunk(tx: Tx, at: number, upto: number): { purged: number; messagesErased: number } {
  const { members: purged, messages: messagesErased } = anonymiseExpired(tx.sqlite, at, upto);
  return { purged, messagesErased };
}

/** The id ending the next chunk of `limit` expired members, or undefined when none is left. */
export function nextPurgeChunk(sqlite: Database.Database, at: number, limit: number): number | undefined {
  return expiredChunkEnd(sqlite, at, limit);
}

/** The purge's job row (the Policy page's last purge). */
export function recordPurge(tx: Tx, at: number, startedBy: string, r: { purged: number; messagesErased: number }) {
  tx.db
    .insert(jobs)
    .values({
      kind: PURGE_JOB_KIND,
      status: 'done',
      startedAt: at,
      finishedAt: at,
      heartbeatAt: at,
      progress: r.purged,
      total: r.purged,
      startedBy,
      message: `Anonymised ${r.purged} member(s) and erased ${r.messagesErased} message(s).`,
    })
    .run();
}

/** When the member's personal data was erased (null: not yet); undefined when there is no such member. */
export function memberPurgedAt(tx: Tx, memberId: number): number | null | undefined {
  return tx.db.select({ purgedAt: members.purgedAt }).from(members).where(eq(members.id, memberId)).get()?.purgedAt;
}

/** Erases one member's personal data (email, display name, rendered messages); returns how many messages were erased. */
export function eraseMemberData(tx: Tx, memberId: number, at: number): number {
  return eraseOne(tx.sqlite, memberId, at);
}

export function lastPurge(db: Db) {
  return db
    .select({ at: jobs.startedAt, by: jobs.startedBy, message: jobs.message })
    .from(jobs)
    .where(eq(jobs.kind, PURGE_JOB_KIND))
    .orderBy(desc(jobs.id))
    .limit(1)
    .get();
}

/** How many cancelled members are due for anonymisation now. */
export function purgeDue(sqlite: Database.Database, at: number): number {
  return countExpired(sqlite, at);
}
