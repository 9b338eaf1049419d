import type Database from 'better-sqlite3';
import type { Actor } from '@/db/audit';
import {
  insertKeepConfirmation,
  type KeepView,
  keepView,
  markRecipientConfirmed,
  memberAnswered,
  recipientOf,
  recordLeaveRequest,
} from '@/db/keep';
import { runUnitOfWork, type UnitOfWork } from '@/db/unit-of-work';
import { cutLeaveNote, type KeepAnswerKind } from '@/lib/domain/keep/answers';
import type { LeaveReason } from '@/lib/domain/values';

/** Who the audit log names for an answer: the member, through their signed link. */
export const KEEP_LINK_ACTOR: Actor = { id: null, label: 'member (keep link)' };

/** One answer on the keep page. The reason and note count only for 'leave'. */
export type KeepAnswerInput = { kind: KeepAnswerKind; reason?: LeaveReason | null; note?: string | null };

/**
 * The member's answer on the keep page (POST), recorded once: the used token (keep_confirmations)
 * stands for any of the three answers, so a second POST changes nothing and the page shows the first.
 *
 * - keep / offer: the recipient is confirmed (outcome 'confirmed' unless a view already made it
 *   'reactivated': a member counts once); 'offer' records the offer as accepted when the variant
 *   had one (otherwise it is a plain keep).
 * - leave: outcome 'chose_to_leave' with the optional reason and note (cut at 500 characters, never
 *   refused), and a leave request ending at the end of the paid month (the view's endsAt); the
 *   period-end job cancels them then, at their own request, never a batch.
 *
 * Member status: an answer is not a view (DOMAIN.md: only a view resets the counter), so the member
 * is not made 'active'. 'notified' (waiting for an answer, set by delivery) goes back to 'dormant':
 * they answered, the campaign no longer waits on them. What protects keepers is outcome 'confirmed'
 * (batch eligibility requires "not confirmed") and the segment builder leaving out members who
 * confirmed within the never-watched window, so they are not asked again soon.
 */
export function answerKeepIn(
  uow: UnitOfWork,
  verified: { campaignMemberId: number } | null,
  answer: KeepAnswerInput = { kind: 'keep' },
): { view: KeepView; confirmed: boolean } {
  const { tx, now: at } = uow;
  const view = keepView(tx.sqlite, verified, at);
  if (view.state !== 'open' || !verified) return { view, confirmed: false };
  const id = verified.campaignMemberId;
  if (!insertKeepConfirmation(tx, id, at)) return { view: keepView(tx.sqlite, verified, at), confirmed: false };
  if (answer.kind === 'leave') {
    const note = cutLeaveNote(answer.note);
    const reason = answer.reason ?? null;
    const row = recordLeaveRequest(tx, { campaignMemberId: id, reason, note, endsAt: view.endsAt }, at);
    memberAnswered(tx, row.memberId, at);
    uow.audit({
      action: 'campaign.keep_chose_to_leave',
      entityType: 'campaign_member',
      entityId: id,
      // The note is the member's own words: kept on the request (erased with them), not in the audit log.
      after: { campaignId: row.campaignId, memberId: row.memberId, reason, withNote: note != null, endsAt: view.endsAt },
    });
  } else {
    markRecipientConfirmed(tx, id, at, answer.kind === 'offer');
    const r = recipientOf(tx.sqlite, id)!;
    memberAnswered(tx, r.memberId, at);
    uow.audit({
      action: 'campaign.keep_confirmed',
      entityType: 'campaign_member',
      entityId: id,
      after: { campaignId: r.campaignId, memberId: r.memberId, outcome: r.outcome, offerAccepted: !!r.offerAccepted },
    });
  }
  return { view: keepView(tx.sqlite, verified, at), confirmed: true };
}

/** answerKeepIn in its own unit of work, audited as the member (keep link). */
export function confirmKeep(
  sqlite: Database.Database,
  verified: { campaignMemberId: number } | null,
  at: number,
  answer?: KeepAnswerInput,
) {
  return runUnitOfWork(sqlite, KEEP_LINK_ACTOR, at, (uow) => answerKeepIn(uow, verified, answer));
}
