import 'server-only';
import { proposalAudit, proposeBatch } from '@/db/batch-proposal';
import type { UnitOfWork } from '@/db/unit-of-work';

/**
 * Proposes the cancellation batch of a campaign whose deadline has passed (db/batch-proposal.ts
 * says who is in it), auditing a new proposal. Idempotent: the existing batch's id if there is
 * one; null when the deadline has not passed or nobody qualifies (nothing is written then).
 */
export function proposeBatchForCampaign(uow: UnitOfWork, campaignId: number): number | null {
  const p = proposeBatch(uow.tx, campaignId, uow.now);
  if (p?.created) uow.audit(proposalAudit(p));
  return p?.batchId ?? null;
}
