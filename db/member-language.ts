import 'server-only';
import { eq } from 'drizzle-orm';
import { members } from './schema';
import type { Tx } from './unit-of-work';

// Writes of a member's language (the API's; the member import sets it on insert).

/** The member's id and current language by account id, or undefined. */
export function memberLanguageByAccount(
  tx: Tx,
  accountId: string,
): { id: number; language: string; purged: boolean } | undefined {
  const r = tx.db
    .select({ id: members.id, language: members.language, purgedAt: members.purgedAt })
    .from(members)
    .where(eq(members.accountId, accountId))
    .get();
  return r && { id: r.id, language: r.language, purged: r.purgedAt != null };
}

export function setMemberLanguage(tx: Tx, id: number, language: string) {
  tx.db.update(members).set({ language }).where(eq(members.id, id)).run();
}
