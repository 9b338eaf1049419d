import { EraseMemberForm, RejoinMemberForm } from '@/components/batches/member-forms';
import type { RejoinState } from '@/db/rejoins';
import type { SessionStaff } from '@/lib/auth/session';
import { formatUtc } from '@/lib/domain/batches/format';
import { can } from '@/lib/domain/roles';
import { now } from '@/lib/runtime/clock';

/** Member page controls: rejoin a cancelled member within the window (CX, admin); erase personal data (admin). */
export function MemberActions({
  memberId,
  state: m,
  staff,
}: {
  memberId: number;
  state: RejoinState | undefined;
  staff: SessionStaff;
}) {
  if (!m) return null;
  const mayRejoin = can(staff.role, 'members.rejoin');
  const mayErase = can(staff.role, 'members.erase');
  if (!mayRejoin && !mayErase) return null;
  // A batch's cancellation or the member's own "cancel now": both are restored by a rejoin in the window.
  const ownRequest = m.status === 'cancelled' && m.cancellationSource === 'member_request';
  const cancelledByRekindle = m.status === 'cancelled' && (m.cancelledBatchId != null || ownRequest);
  const inWindow = cancelledByRekindle && m.purgedAt == null && m.retentionUntil != null && now() <= m.retentionUntil;
  // Without erase rights, a member Rekindle never cancelled offers nothing: no empty box.
  if (!mayErase && !cancelledByRekindle && m.rejoins === 0) return null;
  return (
    <section
      aria-labelledby="member-actions-heading"
      className="w-full max-w-md space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="member-actions-heading" className="font-semibold">
        Account actions
      </h2>
      {cancelledByRekindle ? (
        <p className="text-sm text-slate-700">
          Cancelled {formatUtc(m.cancelledAt)} {ownRequest ? 'at their own request' : `by batch #${m.cancelledBatchId}`}.{' '}
          {m.purgedAt != null
            ? `Personal data erased ${formatUtc(m.purgedAt)}; the account can no longer be restored.`
            : inWindow
              ? `Can be restored until ${formatUtc(m.retentionUntil)}.`
              : `The retention window ended ${formatUtc(m.retentionUntil)}.`}
        </p>
      ) : m.rejoins > 0 ? (
        <p className="text-sm text-slate-700">This member rejoined after a cancellation ({m.rejoins} time(s)).</p>
      ) : null}
      {mayRejoin ? <RejoinMemberForm memberId={memberId} canRestore={cancelledByRekindle && m.purgedAt == null} /> : null}
      {mayErase && m.purgedAt != null ? (
        <p className="text-sm text-slate-600">Personal data erased {formatUtc(m.purgedAt)}.</p>
      ) : null}
      {mayErase ? <EraseMemberForm memberId={memberId} erased={m.purgedAt != null} /> : null}
    </section>
  );
}
