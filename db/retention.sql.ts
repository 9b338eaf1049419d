import 'server-only';
import type Database from 'better-sqlite3';
import { STATUS_IDX_TERM } from './schema/members';

// The named bulk statements of retention: they repeat the partial index's WHERE term
// (STATUS_IDX_TERM) so SQLite reads the few cancelled members through members_status_idx
// instead of walking all of them.

const EXPIRED = `${STATUS_IDX_TERM} AND status = 'cancelled' AND retention_until IS NOT NULL AND retention_until <= @at AND purged_at IS NULL`;

/** Anonymises every cancelled member whose retention window has ended; returns how many. */
export function anonymiseExpired(sqlite: Database.Database, at: number): number {
  return sqlite.prepare(`UPDATE members SET email = NULL, display_name = NULL, purged_at = @at WHERE ${EXPIRED}`).run({ at })
    .changes;
}

/** How many cancelled members are due for anonymisation at `at`. */
export function countExpired(sqlite: Database.Database, at: number): number {
  return sqlite.prepare(`SELECT count(*) FROM members WHERE ${EXPIRED}`).pluck().get({ at }) as number;
}
