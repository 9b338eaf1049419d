import type Database from 'better-sqlite3';
import { type Actor, SYSTEM_ACTOR } from '@/db/audit';
import { runUnitOfWork } from '@/db/unit-of-work';
import * as approval from '@/lib/batches/approval';
import { proposeBatchForCampaign as propose } from '@/lib/batches/propose';
import * as rejoin from '@/lib/batches/rejoin';
import * as retention from '@/lib/batches/retention';
import type { ExclusionReason } from '@/lib/domain/batches/exclusions';

export { executeBatch } from '@/lib/batches/execute';

// The batch use cases as the tests call them: each in its own unit of work (one BEGIN IMMEDIATE
// transaction with its audit entry), by the given actor at the given time — as an action, the
// rejoin API or a script runs them.

/** The campaign-closing job proposes batches as the system. */
export function proposeBatchForCampaign(sqlite: Database.Database, campaignId: number, at: number): number | null {
  return runUnitOfWork(sqlite, SYSTEM_ACTOR, at, (uow) => propose(uow, campaignId));
}

export function submitBatch(sqlite: Database.Database, batchId: number, actor: Actor, at: number) {
  runUnitOfWork(sqlite, actor, at, (uow) => approval.submitBatch(uow, batchId));
}

export function excludeMember(
  sqlite: Database.Database,
  batchId: number,
  accountId: string,
  reason: ExclusionReason,
  note: string,
  actor: Actor,
  at: number,
) {
  runUnitOfWork(sqlite, actor, at, (uow) => approval.excludeMember(uow, batchId, accountId, reason, note));
}

export function decideBatch(
  sqlite: Database.Database,
  batchId: number,
  decision: 'approve' | 'reject',
  comment: string,
  actor: Actor,
  at: number,
) {
  runUnitOfWork(sqlite, actor, at, (uow) => approval.decideBatch(uow, batchId, decision, comment));
}

export function rejoinMember(
  sqlite: Database.Database,
  by: { memberId: number } | { accountId: string },
  opts: { rejoinedAt: number; at: number; source: 'cx' | 'api'; actor: Actor },
) {
  return runUnitOfWork(sqlite, opts.actor, opts.at, (uow) =>
    rejoin.rejoinMember(uow, by, { rejoinedAt: opts.rejoinedAt, source: opts.source }),
  );
}

export function purgeExpired(sqlite: Database.Database, at: number, actor: Actor) {
  return runUnitOfWork(sqlite, actor, at, (uow) => retention.purgeExpired(uow));
}

export function eraseMember(sqlite: Database.Database, memberId: number, at: number, actor: Actor) {
  runUnitOfWork(sqlite, actor, at, (uow) => retention.eraseMember(uow, memberId));
}
