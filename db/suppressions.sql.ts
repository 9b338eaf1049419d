import 'server-only';
import type Database from 'better-sqlite3';

// The suppression CSV import's named statements: one lookup and one insert per row of a file of
// up to 1.5 MB, each prepared once for the whole file (through Drizzle's query builder every row
// would pay for building its query again inside the write transaction).

/** Resolves account ids to member ids with one prepared statement. */
export function accountResolver(sqlite: Database.Database): (accountId: string) => number | undefined {
  const stmt = sqlite.prepare('SELECT id FROM members WHERE account_id = ?').pluck();
  return (accountId) => stmt.get(accountId) as number | undefined;
}

/** Lists members (a member already listed keeps their entry); returns, per row, whether it was added. */
export function insertSuppressionsSql(
  sqlite: Database.Database,
  rows: readonly { memberId: number; reason: string }[],
  addedBy: string,
  at: number,
): boolean[] {
  const insert = sqlite.prepare(
    `INSERT INTO suppressions (member_id, reason, added_by, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(member_id) DO NOTHING`,
  );
  return rows.map((r) => insert.run(r.memberId, r.reason, addedBy, at).changes > 0);
}
