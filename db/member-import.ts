import 'server-only';
import type Database from 'better-sqlite3';
import { classify, type PolicyValues } from '@/lib/domain/dormancy';

export type NewMemberRow = {
  accountId: string;
  email: string;
  displayName: string;
  country: string;
  plan: string;
  priceMinor: number;
  currency: string;
  joinedAt: number;
};

/** Which of these account ids already exist (the import refuses them: it only adds members). */
export function existingAccountIds(sqlite: Database.Database, accountIds: readonly string[]): Set<string> {
  const found = new Set<string>();
  const stmt = sqlite.prepare('SELECT account_id AS a FROM members WHERE account_id IN (SELECT value FROM json_each(?))');
  for (let i = 0; i < accountIds.length; i += 10_000) {
    for (const r of stmt.all(JSON.stringify(accountIds.slice(i, i + 10_000))) as { a: string }[]) found.add(r.a);
  }
  return found;
}

/**
 * Inserts new members, each already classified under the policy as of `now` (a member who joined
 * two years ago and never watched arrives dormant, as the next scan would say). Call inside a transaction.
 */
export function insertMembers(sqlite: Database.Database, rows: readonly NewMemberRow[], policy: PolicyValues, now: number) {
  const stmt = sqlite.prepare(
    `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, status, status_changed_at, dormant_reason, dormant_since)
     VALUES (@accountId, @email, @displayName, @country, @plan, @priceMinor, @currency, @joinedAt, @status, @now, @reason, @since)`,
  );
  let dormant = 0;
  for (const r of rows) {
    const c = classify({ joinedAt: r.joinedAt, lastViewedAt: null }, policy, now);
    if (c.state === 'dormant') dormant++;
    stmt.run({
      ...r,
      now,
      status: c.state,
      reason: c.state === 'dormant' ? c.reason : null,
      since: c.state === 'dormant' ? c.since : null,
    });
  }
  return { inserted: rows.length, dormant };
}
