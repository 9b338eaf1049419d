import 'server-only';
import { and, asc, eq, gte, isNull } from 'drizzle-orm';
import { parseSegment } from '@/lib/domain/campaigns/segment';
import { batchPolicy } from './batches';
import { includeProposedMembers } from './batches.sql';
import type { Db } from './client';
import { batches, campaigns } from './schema';
import type { AuditEntry, Tx } from './unit-of-work';

// The proposal of a cancellation batch at a campaign's deadline, inside the caller's transaction.

export type Proposal =
  | { batchId: number; created: false }
  | { batchId: number; created: true; campaignId: number; policyVersionId: number; members: number };

/**
 * Proposes the cancellation batch of a campaign whose deadline has passed: every recipient who
 * was sent the message, did not confirm, has not watched since, is not cancelled or in another
 * open batch, and is still dormant under the campaign's policy version (db/batches.sql.ts).
 * Holdout members (never warned) are never included. Idempotent: returns the existing batch if
 * there is one; null when the deadline has not passed or nobody qualifies (nothing is written then).
 * A next-season win-back proposes nothing: its recipients were cancelled already.
 */
export function proposeBatch(tx: Tx, campaignId: number, at: number): Proposal | null {
  const existing = tx.db
    .select({ id: batches.id })
    .from(batches)
    .where(eq(batches.campaignId, campaignId))
    .orderBy(asc(batches.id))
    .limit(1)
    .get();
  if (existing) return { batchId: existing.id, created: false };
  const c = tx.db
    .select({ pv: campaigns.policyVersionId, deadline: campaigns.deadlineAt, segment: campaigns.segment })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId))
    .get();
  if (!c || c.deadline == null || c.deadline > at) return null;
  if (parseSegment(c.segment).nextSeasonTitleId != null) return null;
  const p = batchPolicy(tx, c.pv);
  const created = tx.db
    .insert(batches)
    .values({ campaignId, policyVersionId: p.id, status: 'proposed', proposedAt: at })
    .returning({ id: batches.id })
    .get();
  const members = includeProposedMembers(tx.sqlite, p, created.id, campaignId, at);
  if (members === 0) {
    // Nobody to cancel: leave no empty batch behind.
    tx.db.delete(batches).where(eq(batches.id, created.id)).run();
    return null;
  }
  return { batchId: created.id, created: true, campaignId, policyVersionId: p.id, members };
}

/** The audit entry of a new proposal. */
export function proposalAudit(p: Extract<Proposal, { created: true }>): AuditEntry {
  return {
    action: 'batch.propose',
    entityType: 'batch',
    entityId: p.batchId,
    after: { campaignId: p.campaignId, policyVersionId: p.policyVersionId, members: p.members },
  };
}

/**
 * Closed campaigns with no batch, closed at or after `since`: their proposal found nobody then, or
 * their closing did not propose. The daily cycle proposes for them again (idempotent).
 */
export function closedCampaignsWithoutBatch(db: Db, since: number): number[] {
  return db
    .select({ id: campaigns.id })
    .from(campaigns)
    .leftJoin(batches, eq(batches.campaignId, campaigns.id))
    .where(and(eq(campaigns.status, 'closed'), gte(campaigns.closedAt, since), isNull(batches.id)))
    .orderBy(asc(campaigns.id))
    .all()
    .map((r) => r.id);
}
