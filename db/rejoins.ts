import 'server-only';
import { and, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from './client';
import { preparedQuery } from './prepared';
import { batchMembers, members, rejoins } from './schema';
import type { Tx } from './unit-of-work';

// Rejoins: a member cancelled by Rekindle restored within the retention window, inside the
// caller's transaction (the use case, lib/batches/rejoin.ts, checks the rule and audits).

const cancellationColumns = {
  id: members.id,
  accountId: members.accountId,
  status: members.status,
  cancelledAt: members.cancelledAt,
  cancelledBatchId: members.cancelledBatchId,
  cancellationSource: members.cancellationSource,
  retentionUntil: members.retentionUntil,
  purgedAt: members.purgedAt,
};

/** A member's cancellation facts, by id or account id. */
export function memberCancellation(tx: Tx, by: { memberId: number } | { accountId: string }) {
  return tx.db
    .select(cancellationColumns)
    .from(members)
    .where('memberId' in by ? eq(members.id, by.memberId) : eq(members.accountId, by.accountId))
    .get();
}

/** The member's latest rejoin, if any. */
export function lastRejoinId(tx: Tx, memberId: number): number | undefined {
  return tx.db
    .select({ id: rejoins.id })
    .from(rejoins)
    .where(eq(rejoins.memberId, memberId))
    .orderBy(desc(rejoins.id))
    .limit(1)
    .get()?.id;
}

export type NewRejoin = {
  memberId: number;
  batchId: number | null;
  cancelledAt: number;
  rejoinedAt: number;
  source: 'cx' | 'api';
  by: string;
  nextSeasonCampaignId: number | null;
};

/**
 * Restores a cancelled member: a rejoins row with the price at cancellation (the one recorded on
 * the batch; the member row may change later), then status 'active' again with the history kept
 * and the cancellation fields cleared. Returns the rejoin's id.
 */
export function restoreMember(tx: Tx, r: NewRejoin): number {
  const price = tx.db
    .select({
      priceMinor: sql<number>`coalesce(${batchMembers.priceMinor}, ${members.priceMinor})`,
      currency: sql<string>`coalesce(${batchMembers.currency}, ${members.currency})`,
    })
    .from(members)
    .leftJoin(batchMembers, and(eq(batchMembers.batchId, members.cancelledBatchId), eq(batchMembers.memberId, members.id)))
    .where(eq(members.id, r.memberId))
    .get();
  if (!price) throw new Error('rejoin raced with another change');
  const { id } = tx.db
    .insert(rejoins)
    .values({ ...r, priceMinor: price.priceMinor, currency: price.currency })
    .returning({ id: rejoins.id })
    .get();
  const changed = tx.db
    .update(members)
    .set({
      status: 'active',
      statusChangedAt: r.rejoinedAt,
      cancelledAt: null,
      cancelledBatchId: null,
      cancellationSource: null,
      retentionUntil: null,
      dormantReason: null,
      dormantSince: null,
    })
    .where(and(eq(members.id, r.memberId), eq(members.status, 'cancelled'), isNull(members.purgedAt)))
    .run().changes;
  if (changed !== 1) throw new Error('rejoin raced with another change');
  return id;
}

/** The member's latest cancellation undone by a late view (db/viewing.sql.ts LATE_VIEW_SQL), if any. */
export function lastUndoneCancellation(db: Db, memberId: number) {
  return preparedQuery(db, lastUndoneQuery).get({ memberId });
}

// The member page's reads, prepared once per connection (they run on every view of it).
function lastUndoneQuery(db: Db) {
  return db
    .select({ undoneAt: rejoins.rejoinedAt, cancelledAt: rejoins.cancelledAt, batchId: rejoins.batchId })
    .from(rejoins)
    .where(and(eq(rejoins.memberId, sql.placeholder('memberId')), eq(rejoins.source, 'late_view')))
    .orderBy(desc(rejoins.id))
    .limit(1)
    .prepare();
}

/** What the member page needs to offer a rejoin. */
export function rejoinState(db: Db, memberId: number) {
  const m = preparedQuery(db, cancellationStateQuery).get({ memberId });
  if (!m) return undefined;
  // A cancellation undone by a late view was never a rejoin (docs/decisions/019).
  const n = preparedQuery(db, rejoinCountQuery).get({ memberId })?.n ?? 0;
  return { ...m, rejoins: n };
}

function cancellationStateQuery(db: Db) {
  return db
    .select({
      status: members.status,
      cancelledAt: members.cancelledAt,
      cancelledBatchId: members.cancelledBatchId,
      cancellationSource: members.cancellationSource,
      retentionUntil: members.retentionUntil,
      purgedAt: members.purgedAt,
      anonymised: sql<number>`(${members.email} IS NULL AND ${members.displayName} IS NULL)`,
    })
    .from(members)
    .where(eq(members.id, sql.placeholder('memberId')))
    .prepare();
}

function rejoinCountQuery(db: Db) {
  return db
    .select({ n: count() })
    .from(rejoins)
    .where(and(eq(rejoins.memberId, sql.placeholder('memberId')), ne(rejoins.source, 'late_view')))
    .prepare();
}

export type RejoinState = NonNullable<ReturnType<typeof rejoinState>>;
