import { describe, expect, it } from 'vitest';
import { runUnitOfWork } from '@/db/unit-of-work';
import { importMembersCsv } from '@/lib/ingest/members-csv';
import { ensurePolicy } from '@/lib/testing/batches/fixtures';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import { setWinbackConsent } from './consent';

// Consent to win-back messages: the member import's optional column and the API's use case.

const NOW = Date.UTC(2026, 2, 1);
const ACTOR = { id: null, label: 'test@rekindle.local' };
const s = () => getSqlite();
const HEADER = 'account_id,email,display_name,country,plan,price_minor,currency,joined_at,winback_consent\n';
async function* stream(text: string) {
  yield text;
}
const consentOf = (account: string) =>
  s().prepare('SELECT winback_consent FROM members WHERE account_id = ?').pluck().get(account);

describe('win-back consent', () => {
  it('imports the optional column: blank and yes consent, no opts out', async () => {
    ensurePolicy(s(), NOW - 900 * 86_400_000);
    const csv = `${HEADER}C-1,c1@example.com,A,GB,basic,100,GBP,2025-01-01,\nC-2,c2@example.com,B,GB,basic,100,GBP,2025-01-01,no\nC-3,c3@example.com,C,GB,basic,100,GBP,2025-01-01,yes\n`;
    const r = await importMembersCsv(s(), stream(csv), { now: NOW, actor: ACTOR });
    expect(r.ok).toBe(true);
    expect([consentOf('C-1'), consentOf('C-2'), consentOf('C-3')]).toEqual([1, 0, 1]);
  });

  it('refuses a file with an unreadable consent, importing nothing', async () => {
    const before = snapshotDb();
    const r = await importMembersCsv(s(), stream(`${HEADER}C-4,c4@example.com,D,GB,basic,100,GBP,2025-01-01,perhaps\n`), {
      now: NOW,
      actor: ACTOR,
    });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain('is not a consent');
    expect(snapshotDb()).toBe(before);
  });

  it('records an opt-out once, audited; the same again changes nothing; an unknown account changes nothing', () => {
    const set = (account: string, consent: boolean) =>
      runUnitOfWork(s(), ACTOR, NOW, (uow) => setWinbackConsent(uow, account, consent));
    expect(set('C-1', false)).toMatchObject({ changed: true, consent: false });
    expect(consentOf('C-1')).toBe(0);
    const before = snapshotDb();
    expect(set('C-1', false)).toMatchObject({ changed: false });
    expect(() => set('NOBODY', true)).toThrow(/No member has account id/);
    expect(snapshotDb()).toBe(before);
    const audits = s().prepare("SELECT count(*) FROM audit_log WHERE action = 'member.winback_consent'").pluck().get();
    expect(audits).toBe(1);
  });
});
