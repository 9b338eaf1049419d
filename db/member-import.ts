import 'server-only';
import { sql } from 'drizzle-orm';
import { classify, type PolicyValues } from '@/lib/domain/dormancy';
import type { Db } from './client';
import { insertMemberStatement } from './member-import.sql';
import { members } from './schema';
import type { Tx } from './unit-of-work';

export type NewMemberRow = {
  accountId: string;
  email: string;
  displayName: string;
  country: string;
  plan: string;
  priceMinor: number;
  currency: string;
  joinedAt: number;
  language: string; // canonical BCP 47
  winbackConsent: boolean;
};

/** Which of these account ids already exist (the import refuses them: it only adds members). */
export function existingAccountIds(db: Db, accountIds: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < accountIds.length; i += 10_000) {
    const part = JSON.stringify(accountIds.slice(i, i + 10_000));
    for (const r of db
      .select({ a: members.accountId })
      .from(members)
      .where(sql`${members.accountId} IN (SELECT value FROM json_each(${part}))`)
      .all())
      found.add(r.a);
  }
  return found;
}

/**
 * Inserts new members, each already classified under the policy as of `now` (a member who joined
 * two years ago and never watched arrives dormant, as the next scan would say). Call inside a unit of work.
 */
export function insertMembers(tx: Tx, rows: readonly NewMemberRow[], policy: PolicyValues, now: number) {
  const insert = insertMemberStatement(tx.sqlite);
  let dormant = 0;
  for (const r of rows) {
    const c = classify({ joinedAt: r.joinedAt, lastViewedAt: null }, policy, now);
    if (c.state === 'dormant') dormant++;
    insert({
      ...r,
      winbackConsent: r.winbackConsent ? 1 : 0,
      now,
      status: c.state,
      reason: c.state === 'dormant' ? c.reason : null,
      since: c.state === 'dormant' ? c.since : null,
    });
  }
  return { inserted: rows.length, dormant };
}
