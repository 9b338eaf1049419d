import { beforeAll, describe, expect, it } from 'vitest';
import { PUT } from '@/app/api/members/language/route';
import { importMembersCsv } from '@/lib/ingest/members-csv';
import { resetConfigCache } from '@/lib/runtime/config';
import { getSqlite, snapshotDb } from '@/lib/testing/db';

// A member's language: set by the member import (a column, or the country) and by the API.

const KEY = 'language-test-key';
const NOW = Date.parse('2026-06-15T12:00:00Z');
const ACTOR = { id: null, label: 'test@rekindle.local' };
const HEADER = 'account_id,email,display_name,country,plan,price_minor,currency,joined_at';

async function* stream(text: string) {
  yield Buffer.from(text);
}
const languageOf = (account: string) =>
  (getSqlite().prepare('SELECT language FROM members WHERE account_id = ?').get(account) as { language: string } | undefined)
    ?.language;
const put = (body: unknown, auth = `Bearer ${KEY}`) =>
  PUT(
    new Request('http://x/api/members/language', {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

beforeAll(() => {
  process.env.INGEST_API_KEY = KEY;
  resetConfigCache();
  getSqlite().exec(`INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at)
               VALUES (365, 730, 30, 300, 'system', 0)`);
});

describe('the member import', () => {
  it('takes the language column, canonicalised, and the country’s language where it is absent or empty', async () => {
    const csv = `${HEADER},language\nL1,l1@example.com,Ana,BR,basic,1990,BRL,2025-06-01,\nL2,l2@example.com,Luc,CA,basic,999,CAD,2025-06-01,FR-ca\nL3,l3@example.com,Yui,JP,basic,890,JPY,2025-06-01,\n`;
    expect(await importMembersCsv(getSqlite(), stream(csv), { now: NOW, actor: ACTOR })).toMatchObject({ ok: true, inserted: 3 });
    expect([languageOf('L1'), languageOf('L2'), languageOf('L3')]).toEqual(['pt-BR', 'fr-CA', 'ja']);
    const without = `${HEADER}\nL4,l4@example.com,Eva,DE,basic,799,EUR,2025-06-01\nL5,l5@example.com,Kim,ZA,basic,999,ZAR,2025-06-01\n`;
    expect(await importMembersCsv(getSqlite(), stream(without), { now: NOW, actor: ACTOR })).toMatchObject({ ok: true });
    expect([languageOf('L4'), languageOf('L5')]).toEqual(['de', 'en']);
  });

  it('refuses a language that is not BCP 47 by line and column, importing nothing', async () => {
    const before = snapshotDb();
    const csv = `${HEADER},language\nB1,b1@example.com,Ana,FR,basic,799,EUR,2025-06-01,fr\nB2,b2@example.com,Bo,FR,basic,799,EUR,2025-06-01,français\n`;
    const r = await importMembersCsv(getSqlite(), stream(csv), { now: NOW, actor: ACTOR });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([{ line: 3, column: 'language', reason: expect.stringMatching(/not a BCP 47 language tag/) }]);
    expect(snapshotDb()).toBe(before);
  });
});

describe('PUT /api/members/language', () => {
  it('sets the language with the API key, audited once; the same tag again changes nothing', async () => {
    const res = await put({ account_id: 'L4', language: 'de-ch' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, language: 'de-CH', changed: true });
    expect(languageOf('L4')).toBe('de-CH');
    const before = snapshotDb();
    expect(await (await put({ account_id: 'L4', language: 'de-CH' })).json()).toMatchObject({ changed: false });
    expect(snapshotDb()).toBe(before);
  });

  it('refuses a bad tag, an unknown account and a wrong key, changing nothing', async () => {
    const before = snapshotDb();
    const bad = await put({ account_id: 'L4', language: 'german' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'bad_language', fields: { language: [expect.stringMatching(/BCP 47/)] } });
    expect((await put({ account_id: 'NOPE', language: 'fr' })).status).toBe(404);
    expect((await put({ account_id: 'L4', language: 'fr' }, 'Bearer wrong')).status).toBe(401);
    expect(snapshotDb()).toBe(before);
  });
});
