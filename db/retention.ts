import 'server-only';
import type Database from 'better-sqlite3';
import { Refusal } from '@/lib/domain/refusal';
import { type Actor, audit } from './audit';
import { auditWith } from './batches';
import { STATUS_IDX_TERM } from './schema/members';

// Personal data of cancelled members is kept for the retention window (rejoin restores it), then
// anonymised: email and display name set to NULL, purged_at set. The rows stay, so every count on
// the charts (dormant, cancelled, forgone revenue, rejoins) is unchanged.

export const PURGE_JOB_KIND = 'retention.purge';

/** Anonymises every cancelled member whose retention window has ended. Idempotent; one transaction. */
export function purgeExpired(sqlite: Database.Database, at: number, actor: Actor): { purged: number } {
  return sqlite
    .transaction(() => {
      const purged = sqlite
        .prepare(
          `UPDATE members SET email = NULL, display_name = NULL, purged_at = @at
           WHERE ${STATUS_IDX_TERM} AND status = 'cancelled' AND retention_until IS NOT NULL AND retention_until <= @at AND purged_at IS NULL`,
        )
        .run({ at }).changes;
      sqlite
        .prepare(
          `INSERT INTO jobs (kind, status, started_at, finished_at, heartbeat_at, progress, total, started_by, message)
           VALUES (?, 'done', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(PURGE_JOB_KIND, at, at, at, purged, purged, actor.label, `Anonymised ${purged} member(s).`);
      audit(auditWith(sqlite), actor, { action: 'retention.purge', entityType: 'members', after: { purged }, at });
      return { purged };
    })
    .immediate();
}

/** Honours a member's request to erase their personal data, at once. The audit entry holds no erased value. */
export function eraseMember(sqlite: Database.Database, memberId: number, at: number, actor: Actor) {
  sqlite
    .transaction(() => {
      const m = sqlite.prepare('SELECT purged_at AS purgedAt FROM members WHERE id = ?').get(memberId) as
        | { purgedAt: number | null }
        | undefined;
      if (!m) throw new Refusal('There is no such member.', { code: 'not_found' });
      if (m.purgedAt != null) throw new Refusal('This member’s personal data was already erased.', { code: 'already_erased' });
      sqlite.prepare('UPDATE members SET email = NULL, display_name = NULL, purged_at = ? WHERE id = ?').run(at, memberId);
      audit(auditWith(sqlite), actor, {
        action: 'member.erase',
        entityType: 'member',
        entityId: memberId,
        after: { erased: ['email', 'display_name'] },
        at,
      });
    })
    .immediate();
}

export function lastPurge(sqlite: Database.Database) {
  return sqlite
    .prepare(`SELECT started_at AS at, started_by AS by, message FROM jobs WHERE kind = ? ORDER BY id DESC LIMIT 1`)
    .get(PURGE_JOB_KIND) as { at: number; by: string; message: string } | undefined;
}

/** How many cancelled members are due for anonymisation now. */
export function purgeDue(sqlite: Database.Database, at: number): number {
  return (
    sqlite
      .prepare(
        `SELECT count(*) AS n FROM members WHERE ${STATUS_IDX_TERM} AND status = 'cancelled' AND retention_until IS NOT NULL AND retention_until <= ? AND purged_at IS NULL`,
      )
      .get(at) as { n: number }
  ).n;
}
