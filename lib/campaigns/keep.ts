import type Database from 'better-sqlite3';
import type { Actor } from '@/db/audit';
import { insertKeepConfirmation, type KeepView, keepView, markRecipientConfirmed, memberAnswered, recipientOf } from '@/db/keep';
import { runUnitOfWork, type UnitOfWork } from '@/db/unit-of-work';

/** Who the audit log names for a confirmation: the member, through their signed link. */
export const KEEP_LINK_ACTOR: Actor = { id: null, label: 'member (keep link)' };

/**
 * "Keep my membership" (POST). Marks the recipient confirmed (outcome 'confirmed' unless a view
 * already made it 'reactivated': a member counts once), records the offer as accepted when the
 * variant had one, and records the used token. Reuse changes nothing.
 *
 * Member status: a confirmation is not a view (DOMAIN.md: only a view resets the counter), so the
 * member is not made 'active'. 'notified' (waiting for an answer, set by delivery) goes back to
 * 'dormant': they answered, the campaign no longer waits on them. What protects them is outcome
 * 'confirmed' (batch eligibility requires "not confirmed") and the segment builder leaving out
 * members who confirmed within the never-watched window, so they are not asked again soon.
 */
export function confirmKeepIn(
  uow: UnitOfWork,
  verified: { campaignMemberId: number } | null,
): { view: KeepView; confirmed: boolean } {
  const { tx, now: at } = uow;
  const view = keepView(tx.sqlite, verified, at);
  if (view.state !== 'open' || !verified) return { view, confirmed: false };
  const id = verified.campaignMemberId;
  if (!insertKeepConfirmation(tx, id, at)) return { view: { ...view, state: 'used' as const }, confirmed: false };
  markRecipientConfirmed(tx, id, at);
  const r = recipientOf(tx.sqlite, id)!;
  memberAnswered(tx, r.memberId, at);
  uow.audit({
    action: 'campaign.keep_confirmed',
    entityType: 'campaign_member',
    entityId: id,
    after: { campaignId: r.campaignId, memberId: r.memberId, outcome: r.outcome, offerAccepted: !!r.offerAccepted },
  });
  return { view: { ...view, state: 'used' as const }, confirmed: true };
}

/** confirmKeepIn in its own unit of work, audited as the member (keep link). */
export function confirmKeep(sqlite: Database.Database, verified: { campaignMemberId: number } | null, at: number) {
  return runUnitOfWork(sqlite, KEEP_LINK_ACTOR, at, (uow) => confirmKeepIn(uow, verified));
}
