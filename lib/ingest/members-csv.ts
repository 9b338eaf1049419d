import type Database from 'better-sqlite3';
import { drizzleFor } from '@/db/client';
import { existingAccountIds, insertMembers, type NewMemberRow } from '@/db/member-import';
import { policyRow } from '@/db/policy';
import { parseCountry, parseCurrency, parseEmail, parseInstant, parseText, parseWholeNumber } from '@/lib/domain/csv/fields';
import { parseConsent } from '@/lib/domain/members/consent';
import { languageForCountry, parseLanguageTag } from '@/lib/domain/members/language';
import { type ImportOptions, type ImportOutcome, refused, writeAudited } from './import-outcome';
import { CsvErrors, readCsv } from './read-csv';

export const MEMBER_COLUMNS = [
  'account_id',
  'email',
  'display_name',
  'country',
  'plan',
  'price_minor',
  'currency',
  'joined_at',
] as const;
/**
 * Optional: a BCP 47 tag, a row without one getting its country's language (lib/domain/members/language.ts);
 * winback_consent, no when the member opted out of win-back messages (blank = yes).
 */
export const MEMBER_OPTIONAL_COLUMNS = ['language', 'winback_consent'] as const;

/**
 * Imports new members from a CSV, all or nothing. Existing account ids are refused, not updated:
 * an import must not silently change a member's price, plan or join date (each moves money or
 * dormancy); see docs/decisions/012-member-import-refuses-existing.md.
 */
export async function importMembersCsv(
  sqlite: Database.Database,
  source: AsyncIterable<Uint8Array | string>,
  opts: ImportOptions,
): Promise<ImportOutcome<{ inserted: number; dormant: number }>> {
  const t0 = performance.now();
  const errors = new CsvErrors();
  const members: (NewMemberRow & { line: number })[] = [];
  const lineOf = new Map<string, number>();
  const { rows } = await readCsv(source, {
    columns: MEMBER_COLUMNS,
    optionalColumns: MEMBER_OPTIONAL_COLUMNS,
    maxBytes: opts.maxBytes,
    errors,
    onProgress: (n) => opts.onProgress?.({ phase: 'reading', rows: n }),
    onRow: ([account, email, name, country, plan, price, currency, joined, language, consent], line) => {
      const fields = {
        accountId: parseText(account as string, { name: 'account_id', max: 64 }),
        email: parseEmail(email as string),
        displayName: parseText(name as string, { name: 'display_name', max: 200 }),
        country: parseCountry(country as string),
        plan: parseText(plan as string, { name: 'plan', max: 40 }),
        priceMinor: parseWholeNumber(price as string, { name: 'price_minor', min: 0, max: 100_000_000 }),
        currency: parseCurrency(currency as string),
        joinedAt: parseInstant(joined as string, { now: opts.now, name: 'joined_at', dateOnly: true }),
      };
      let bad = false;
      MEMBER_COLUMNS.forEach((col, i) => {
        const f = Object.values(fields)[i];
        if (f && !f.ok) {
          errors.add(line, col, f.reason);
          bad = true;
        }
      });
      const tag = (language as string).trim();
      const lang = tag ? parseLanguageTag(tag) : null;
      if (lang && !lang.ok) {
        errors.add(line, 'language', lang.reason);
        bad = true;
      }
      const winbackConsent = parseConsent((consent as string | undefined) ?? '');
      if (!winbackConsent.ok) {
        errors.add(line, 'winback_consent', winbackConsent.reason);
        bad = true;
      }
      if (fields.accountId.ok) {
        const first = lineOf.get(fields.accountId.value);
        if (first !== undefined) {
          errors.add(line, 'account_id', `"${fields.accountId.value}" is already on line ${first} of this file.`);
          bad = true;
        } else lineOf.set(fields.accountId.value, line);
      }
      if (bad || errors.count > 0) return;
      const v = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.ok ? f.value : null])) as unknown as Omit<
        NewMemberRow,
        'language' | 'winbackConsent'
      >;
      members.push({
        ...v,
        language: lang?.ok ? lang.value : languageForCountry(v.country),
        winbackConsent: winbackConsent.ok ? winbackConsent.value : true,
        line,
      });
    },
  });
  opts.onProgress?.({ phase: 'checking', rows });
  if (errors.count === 0) {
    const existing = existingAccountIds(
      drizzleFor(sqlite),
      members.map((m) => m.accountId),
    );
    for (const m of members)
      if (existing.has(m.accountId))
        errors.add(
          m.line,
          'account_id',
          `A member with account id "${m.accountId}" already exists; this import only adds new members.`,
        );
  }
  if (errors.count > 0) return refused(rows, errors, 'members');
  const policy = policyRow(drizzleFor(sqlite));
  await opts.onProgress?.({ phase: 'writing', rows });
  const result = writeAudited(sqlite, { ...opts, rows, action: 'import.members', entityType: 'members' }, (tx) =>
    insertMembers(tx, members, policy, opts.now),
  );
  return { ok: true, rows, ms: Math.round(performance.now() - t0), ...result };
}
