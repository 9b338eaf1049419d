import { describe, expect, it } from 'vitest';
import { formatDate, formatPrice, messageVars } from '../campaigns/message-vars';
import { fallbackChain, languageForCountry, parseLanguageTag, pickLanguage } from './language';

describe("a member's language", () => {
  it('defaults from the country, English where the table has none', () => {
    expect(languageForCountry('FR')).toBe('fr');
    expect(languageForCountry('BR')).toBe('pt-BR');
    expect(languageForCountry('jp')).toBe('ja');
    expect(languageForCountry('ZZ')).toBe('en');
  });

  it('accepts BCP 47 tags in canonical form and refuses what Intl rejects', () => {
    expect(parseLanguageTag(' pt-br ')).toEqual({ ok: true, value: 'pt-BR' });
    expect(parseLanguageTag('ZH-hant-tw')).toEqual({ ok: true, value: 'zh-Hant-TW' });
    for (const bad of ['', 'french', 'en_US', 'e', '12', 'fr-', 'x'.repeat(40)]) expect(parseLanguageTag(bad).ok).toBe(false);
  });

  it('falls back from region to language to the campaign default', () => {
    expect(fallbackChain('pt-BR', 'en')).toEqual(['pt-BR', 'pt', 'en']);
    expect(fallbackChain('zh-Hant-TW', 'en')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh', 'en']);
    expect(fallbackChain('en-GB', 'en')).toEqual(['en-GB', 'en']);
    expect(pickLanguage('pt-BR', ['en', 'pt'], 'en')).toEqual({ language: 'pt', fellBack: false });
    expect(pickLanguage('pt-BR', ['en', 'pt-BR', 'pt'], 'en')).toEqual({ language: 'pt-BR', fellBack: false });
    expect(pickLanguage('fr', ['en', 'de'], 'en')).toEqual({ language: 'en', fellBack: true });
    expect(pickLanguage('en-GB', ['en'], 'en')).toEqual({ language: 'en', fellBack: false });
  });
});

describe('values formatted for the member', () => {
  const member = {
    displayName: 'Camille Martin',
    plan: 'standard',
    priceMinor: 999,
    currency: 'EUR',
    joinedAt: Date.UTC(2023, 0, 1),
    lastViewedAt: Date.UTC(2024, 0, 15),
    lastTitle: null,
    popularTitle: 'Le Bureau',
    language: 'fr',
  };

  it('writes a French price the French way, in euros', () => {
    // Intl puts a no-break space between the amount and the sign.
    expect(formatPrice(999, 'EUR', 'fr')).toBe('9,99\u00a0€');
    expect(formatPrice(999, 'EUR', 'de')).toBe('9,99\u00a0€');
    expect(formatPrice(999, 'USD', 'en')).toBe('$9.99');
    expect(formatPrice(1490, 'JPY', 'ja')).toBe('￥1,490');
  });

  it('writes dates and the deadline in the member’s locale', () => {
    const deadline = Date.UTC(2027, 2, 12, 10);
    expect(formatDate(deadline, 'fr')).toBe('12 mars 2027');
    expect(formatDate(deadline, 'de')).toBe('12. März 2027');
    const vars = messageVars(member, 'free_month', 'https://k', Date.UTC(2026, 11, 4), deadline);
    expect(vars).toMatchObject({
      price: '9,99\u00a0€',
      deadline: '12 mars 2027',
      offer: 'votre dernier mois est offert',
      first_name: 'Camille',
      months_since_last_view: '34',
    });
  });

  it('greets a member whose name is erased in their language', () => {
    const vars = messageVars({ ...member, displayName: null, language: 'de' }, 'none', '', Date.UTC(2026, 11, 4));
    expect(vars.first_name).toBe('zusammen');
  });
});
