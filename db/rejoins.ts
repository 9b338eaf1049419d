import 'server-only';
import type Database from 'better-sqlite3';
import { checkRejoin } from '@/lib/domain/batches/eligibility';
import { Refusal } from '@/lib/domain/refusal';
import { type Actor, audit } from './audit';
import { auditWith } from './batches';

type CancelledMember = {
  id: number;
  accountId: string;
  status: string;
  cancelledAt: number | null;
  cancelledBatchId: number | null;
  retentionUntil: number | null;
  purgedAt: number | null;
};

function findMember(sqlite: Database.Database, by: { memberId: number } | { accountId: string }): CancelledMember | undefined {
  const where = 'memberId' in by ? 'id = ?' : 'account_id = ?';
  return sqlite
    .prepare(
      `SELECT id, account_id AS accountId, status, cancelled_at AS cancelledAt, cancelled_batch_id AS cancelledBatchId,
         retention_until AS retentionUntil, purged_at AS purgedAt FROM members WHERE ${where}`,
    )
    .get('memberId' in by ? by.memberId : by.accountId) as CancelledMember | undefined;
}

export type RejoinResult = { memberId: number; rejoinId: number; alreadyRejoined: boolean };

/**
 * Restores a member cancelled by Rekindle who comes back within the retention window: status
 * 'active' again with the history kept, cancellation fields cleared, and a rejoins row with the
 * price at cancellation (the charts count it). A purged member, or a rejoin after the window, is
 * refused. A repeated API call for a member already restored answers alreadyRejoined.
 */
export function rejoinMember(
  sqlite: Database.Database,
  by: { memberId: number } | { accountId: string },
  opts: { rejoinedAt: number; at: number; source: 'cx' | 'api'; actor: Actor },
): RejoinResult {
  return sqlite
    .transaction(() => {
      const m = findMember(sqlite, by);
      if (!m) throw new Refusal('There is no member with that account id.', { code: 'not_found' });
      const check = checkRejoin(m, opts.rejoinedAt, opts.at);
      if (!check.ok) {
        if (check.code === 'not_cancelled') {
          const last = sqlite.prepare('SELECT id FROM rejoins WHERE member_id = ? ORDER BY id DESC LIMIT 1').get(m.id) as
            | { id: number }
            | undefined;
          if (last && m.status !== 'cancelled') return { memberId: m.id, rejoinId: last.id, alreadyRejoined: true };
        }
        throw new Refusal(check.message, { code: check.code });
      }
      // The price at cancellation is the one recorded on the batch (the member row may change later).
      const price = sqlite
        .prepare(
          `SELECT coalesce(bm.price_minor, m.price_minor) AS priceMinor, coalesce(bm.currency, m.currency) AS currency
           FROM members m LEFT JOIN batch_members bm ON bm.batch_id = m.cancelled_batch_id AND bm.member_id = m.id
           WHERE m.id = ?`,
        )
        .get(m.id) as { priceMinor: number; currency: string };
      const { id: rejoinId } = sqlite
        .prepare(
          `INSERT INTO rejoins (member_id, batch_id, cancelled_at, rejoined_at, price_minor, currency, source, by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          m.id,
          m.cancelledBatchId,
          m.cancelledAt,
          opts.rejoinedAt,
          price.priceMinor,
          price.currency,
          opts.source,
          opts.actor.label,
        ) as {
        id: number;
      };
      const changed = sqlite
        .prepare(
          `UPDATE members SET status = 'active', status_changed_at = ?, cancelled_at = NULL, cancelled_batch_id = NULL,
             retention_until = NULL, dormant_reason = NULL, dormant_since = NULL
           WHERE id = ? AND status = 'cancelled' AND purged_at IS NULL`,
        )
        .run(opts.rejoinedAt, m.id).changes;
      if (changed !== 1) throw new Error('rejoin raced with another change');
      audit(auditWith(sqlite), opts.actor, {
        action: 'member.rejoin',
        entityType: 'member',
        entityId: m.id,
        before: { status: 'cancelled', cancelledAt: m.cancelledAt, batchId: m.cancelledBatchId },
        after: { status: 'active', rejoinedAt: opts.rejoinedAt, source: opts.source },
        at: opts.at,
      });
      return { memberId: m.id, rejoinId, alreadyRejoined: false };
    })
    .immediate();
}

/** What the member page needs to offer a rejoin. */
export function rejoinState(sqlite: Database.Database, memberId: number) {
  return sqlite
    .prepare(
      `SELECT m.status, m.cancelled_at AS cancelledAt, m.cancelled_batch_id AS cancelledBatchId, m.retention_until AS retentionUntil,
         m.purged_at AS purgedAt, (m.email IS NULL AND m.display_name IS NULL) AS anonymised,
         (SELECT count(*) FROM rejoins r WHERE r.member_id = m.id) AS rejoins
       FROM members m WHERE m.id = ?`,
    )
    .get(memberId) as
    | {
        status: string;
        cancelledAt: number | null;
        cancelledBatchId: number | null;
        retentionUntil: number | null;
        purgedAt: number | null;
        anonymised: number;
        rejoins: number;
      }
    | undefined;
}
