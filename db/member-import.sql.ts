import 'server-only';
import type Database from 'better-sqlite3';

/** The member import's insert (db/member-import.ts), prepared once per import and run per row. */
export function insertMemberStatement(sqlite: Database.Database) {
  const stmt = sqlite.prepare(
    `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, language, winback_consent, status, status_changed_at, dormant_reason, dormant_since)
     VALUES (@accountId, @email, @displayName, @country, @plan, @priceMinor, @currency, @joinedAt, @language, @winbackConsent, @status, @now, @reason, @since)`,
  );
  return (row: {
    accountId: string;
    email: string;
    displayName: string;
    country: string;
    plan: string;
    priceMinor: number;
    currency: string;
    joinedAt: number;
    language: string;
    winbackConsent: 0 | 1;
    status: string;
    now: number;
    reason: string | null;
    since: number | null;
  }) => stmt.run(row).changes;
}
