import { beforeAll, describe, expect, it } from 'vitest';
import { getVariants } from '@/db/campaigns';
import { buildMessageFor } from '@/lib/delivery/message';
import { DEFAULT_VARIANTS } from '@/lib/domain/campaigns/draft';
import { formValuesOf } from '@/lib/domain/campaigns/form';
import { EMPTY_SEGMENT } from '@/lib/domain/campaigns/segment';
import { TRANSLATED_A } from '@/lib/domain/campaigns/translated-variants';
import { actionRegistry, executeAction } from '@/lib/runtime/action';
import { getSqlite, snapshotDb, staffByRole, withDemoStaff } from '@/lib/testing/db';
import './actions';

const DAY = 86_400_000;
const act = (name: string) => actionRegistry.get(name)!;
const fr = TRANSLATED_A.find((t) => t.language === 'fr')!;
const de = TRANSLATED_A.find((t) => t.language === 'de')!;

/** A draft for FR and DE members: variant A in English, French and German; variant B in English only. */
const form = (extra: Record<string, string | string[]> = {}) => ({
  ...formValuesOf({
    name: 'Translated',
    channel: 'email',
    defaultLanguage: 'en',
    holdoutPct: 0,
    segment: { ...EMPTY_SEGMENT, countries: ['FR', 'DE'] },
    variants: [{ ...DEFAULT_VARIANTS[0]!, splitPct: 100, translations: [fr, de] }],
  }),
  ...extra,
});

beforeAll(async () => {
  await withDemoStaff();
  const sqlite = getSqlite();
  sqlite.exec(`INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at)
               VALUES (365, 730, 30, 300, 'system', 0)`);
  const ins = sqlite.prepare(
    `INSERT INTO members (account_id, email, display_name, country, language, plan, price_minor, currency, joined_at, last_viewed_at,
       status, status_changed_at, dormant_reason, dormant_since) VALUES (?, ?, ?, ?, ?, 'standard', 999, 'EUR', 0, ?, 'dormant', 0, 'inactive', 0)`,
  );
  for (let i = 0; i < 4; i++) {
    ins.run(`fr-${i}`, `fr-${i}@example.test`, 'Camille Martin', 'FR', 'fr', Date.now() - 900 * DAY);
    ins.run(`de-${i}`, `de-${i}@example.test`, 'Jonas Weber', 'DE', i === 0 ? 'de-AT' : 'it', Date.now() - 900 * DAY);
  }
});

describe('variants per language', () => {
  it('refuses an unknown variable, an unclosed placeholder and a bad tag, naming variant, language and field; nothing saved', async () => {
    const cx = staffByRole('cx_manager');
    const before = snapshotDb();
    const bad = await executeAction(
      act('campaigns.create'),
      cx,
      form({
        vA_t0_body: 'Bonjour, vous payez {{prix}} par mois.',
        vA_t1_subject: 'Hallo {{first_name',
        vA_langCount: '3',
        vA_t2_language: 'english_UK',
        vA_t2_subject: 'Hi',
        vA_t2_body: 'Hi',
      }),
    );
    expect(bad.state.ok).toBe(false);
    expect(bad.state.fieldErrors?.vA_t0_body?.[0]).toMatch(/^Variant A, French body: unknown variable \{\{prix\}\}/);
    expect(bad.state.fieldErrors?.vA_t1_subject?.[0]).toMatch(/^Variant A, German subject: a placeholder is not closed/);
    expect(bad.state.fieldErrors?.vA_t2_language?.[0]).toMatch(
      /^Variant A, translation 3 language: "english_UK" is not a BCP 47 language tag/,
    );
    const dup = await executeAction(act('campaigns.create'), cx, form({ vA_t1_language: 'FR' }));
    expect(dup.state.fieldErrors?.vA_t1_language?.[0]).toMatch(
      /^Variant A, translation 2 language: the variant already has a French text\./,
    );
    const badDefault = await executeAction(act('campaigns.create'), cx, form({ defaultLanguage: 'xx_YY' }));
    expect(badDefault.state.fieldErrors?.defaultLanguage?.[0]).toMatch(/not a BCP 47 language tag/);
    expect(snapshotDb()).toBe(before);
  });

  it("saves translations canonicalised and renders each member's message in their language", async () => {
    const cx = staffByRole('cx_manager');
    const created = await executeAction(act('campaigns.create'), cx, form({ vA_t1_language: 'DE' }));
    expect(created.state.ok).toBe(true);
    const id = (created.state.data as { id: number }).id;
    const sqlite = getSqlite();
    expect(getVariants(sqlite, id)[0]?.translations.map((t) => t.language)).toEqual(['de', 'fr']);
    const sched = await executeAction(act('campaigns.schedule'), cx, { id: String(id), sendAt: '', deadlineAt: '' });
    expect(sched.state.ok).toBe(true);
    const recipient = (account: string) =>
      (
        sqlite
          .prepare(
            'SELECT cm.id FROM campaign_members cm JOIN members m ON m.id = cm.member_id WHERE m.account_id = ? AND cm.campaign_id = ?',
          )
          .get(account, id) as { id: number }
      ).id;
    const french = buildMessageFor(sqlite, recipient('fr-1'));
    expect(french.language).toBe('fr');
    expect(french.subject).toBe('Camille, souhaitez-vous garder votre abonnement ?');
    expect(french.text).toContain('Vous payez toujours 9,99\u00a0€ par mois pour standard.');
    expect(french.html).toContain('<html lang="fr">');
    // de-AT takes the German text, formatted the Austrian way (sign first, "Jänner").
    const austrian = buildMessageFor(sqlite, recipient('de-0'));
    expect(austrian.language).toBe('de');
    expect(austrian.text).toContain('Sie zahlen weiterhin €\u00a09,99 im Monat');
    // Italian has no translation: the English default, formatted the English way.
    const italian = buildMessageFor(sqlite, recipient('de-1'));
    expect(italian.language).toBe('en');
    expect(italian.text).toContain('You are still paying €9.99 a month');
  });
});
