import 'server-only';
import type Database from 'better-sqlite3';
import type { Actor } from '@/db/audit';
import {
  eraseMemberData,
  memberPurgedAt,
  nextPurgeChunk,
  purgeExpiredChunk,
  purgeExpiredMembers,
  recordPurge,
} from '@/db/retention';
import { runUnitOfWork, type UnitOfWork } from '@/db/unit-of-work';
import { Refusal } from '@/lib/domain/refusal';

/** Anonymises every cancelled member whose retention window has ended, in the caller's unit of work. Idempotent. */
export function purgeExpired(uow: UnitOfWork): { purged: number; messagesErased: number } {
  const r = purgeExpiredMembers(uow.tx, uow.now, uow.actor.label);
  uow.audit({ action: 'retention.purge', entityType: 'members', after: r });
  return r;
}

/** Members anonymised per transaction by the chunked purge: each chunk holds the write lock and the event loop briefly. */
export const PURGE_CHUNK = 2_000;

/**
 * The same purge in chunks of PURGE_CHUNK members by id, each its own unit of work with the event
 * loop free between them: the daily cycle's job, so a large backlog (a 900k-member batch's window
 * ending) never holds requests. Stopped half-way, the next run goes on where it stopped.
 */
export async function purgeExpiredInChunks(
  sqlite: Database.Database,
  actor: Actor,
  at: number,
  chunk = PURGE_CHUNK,
): Promise<{ purged: number; messagesErased: number }> {
  const total = { purged: 0, messagesErased: 0 };
  for (let upto = nextPurgeChunk(sqlite, at, chunk); upto != null; upto = nextPurgeChunk(sqlite, at, chunk)) {
    const end = upto;
    const r = runUnitOfWork(sqlite, actor, at, (uow) => purgeExpiredChunk(uow.tx, at, end));
    total.purged += r.purged;
    total.messagesErased += r.messagesErased;
    await new Promise((resolve) => setImmediate(resolve));
    if (!sqlite.open) return total;
  }
  runUnitOfWork(sqlite, actor, at, (uow) => {
    recordPurge(uow.tx, at, actor.label, total);
    uow.audit({ action: 'retention.purge', entityType: 'members', after: total });
  });
  return total;
}

/**
 * Honours a member's request to erase their personal data, at once, wherever it is kept (the
 * member row, rendered messages and notices). The audit entry holds no erased value: audit entries
 * name members by id only (decision 018), so none needs changing.
 */
export function eraseMember(uow: UnitOfWork, memberId: number) {
  const purgedAt = memberPurgedAt(uow.tx, memberId);
  if (purgedAt === undefined) throw new Refusal('There is no such member.', { code: 'not_found' });
  if (purgedAt !== null) throw new Refusal('This member’s personal data was already erased.', { code: 'already_erased' });
  const messagesErased = eraseMemberData(uow.tx, memberId, uow.now);
  uow.audit({
    action: 'member.erase',
    entityType: 'member',
    entityId: memberId,
    after: { erased: ['email', 'display_name', 'messages'], messagesErased },
  });
}
