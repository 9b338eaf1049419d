import { campaignDraft, getCampaign, insertCampaign, updateDraftRow } from '@/db/campaigns';
import { countSegment, currentPolicyRow } from '@/db/segments';
import type { UnitOfWork } from '@/db/unit-of-work';
import type { CampaignDraft } from '@/lib/domain/campaigns/draft';
import { refuseUnlessDraft } from '@/lib/domain/campaigns/lifecycle';
import type { SegmentFilters } from '@/lib/domain/campaigns/segment';
import { Refusal } from '@/lib/domain/refusal';

// Creating and editing a campaign draft, each in the caller's unit of work with its audit entry.

function refuseEmpty(uow: UnitOfWork, segment: SegmentFilters) {
  if (countSegment(uow.tx.sqlite, segment, uow.now) === 0)
    throw new Refusal(
      'No dormant member matches this segment (after removing suppressed members and those already in a running campaign). Widen the filters. Nothing was saved.',
    );
}

/** A new draft (always on: a definition enrolling daily cohorts). The seed is fixed now and never changes. */
export function createDraft(uow: UnitOfWork, d: CampaignDraft, seed: number, alwaysOn = false): number {
  refuseEmpty(uow, d.segment);
  const policy = currentPolicyRow(uow.tx.sqlite);
  const id = insertCampaign(uow.tx, d, {
    policyVersionId: policy.id,
    seed: seed >>> 0,
    createdBy: uow.actor.id ?? 0,
    at: uow.now,
    alwaysOn,
  });
  uow.audit({ action: 'campaign.create', entityType: 'campaign', entityId: id, after: alwaysOn ? { ...d, alwaysOn } : d });
  return id;
}

/** Rewrites a draft; refused once it is scheduled, sent or cancelled. */
export function updateDraft(uow: UnitOfWork, id: number, d: CampaignDraft) {
  const c = getCampaign(uow.tx.sqlite, id);
  refuseUnlessDraft(c, 'edited');
  refuseEmpty(uow, d.segment);
  const before = campaignDraft(uow.tx.sqlite, c);
  updateDraftRow(uow.tx, id, d, uow.now);
  uow.audit({ action: 'campaign.edit', entityType: 'campaign', entityId: id, before, after: d });
}
