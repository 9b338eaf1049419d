import { describe, expect, it } from 'vitest';
import { en, type KeepKey } from './en';
import {
  KEEP_CATALOGUES,
  KEEP_LOCALES,
  keepTranslator,
  localeFromAcceptLanguage,
  majorAmount,
  resolveKeepLocale,
} from './format';

const KEYS = Object.keys(en).sort() as KeepKey[];
const SAMPLE = {
  firstName: 'Camille',
  plan: 'Standard',
  price: majorAmount(1299, 'EUR'),
  endsAt: Date.UTC(2027, 0, 31),
  retentionDays: 300,
  used: 42,
  max: 500,
};

describe('keep page catalogues', () => {
  it('ship en, fr, de, es, pt-BR, it and ja', () => {
    expect(KEEP_LOCALES.sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'ja', 'pt-BR']);
  });

  it.each(KEEP_LOCALES)('%s has every key, and every message parses and formats with sample arguments', (locale) => {
    expect(Object.keys(KEEP_CATALOGUES[locale]).sort()).toEqual(KEYS);
    const t = keepTranslator(locale, 'EUR');
    for (const key of KEYS) {
      const text = t(key, SAMPLE);
      expect(text.length, key).toBeGreaterThan(0);
      expect(text, key).not.toMatch(/[{}]/);
      if (locale !== 'en' && !['leave.back', 'reason.technical_problems'].includes(key))
        expect(text, `${locale} ${key} is translated`).not.toBe(keepTranslator('en', 'EUR')(key, SAMPLE));
    }
  });

  it('formats the price in the member’s currency the locale’s way, and the end day in UTC', () => {
    expect(keepTranslator('fr', 'EUR')('open.body', SAMPLE)).toContain('12,99\u00a0€');
    expect(keepTranslator('en', 'USD')('open.body', SAMPLE)).toContain('$12.99');
    expect(keepTranslator('ja', 'JPY')('open.body', { ...SAMPLE, price: majorAmount(1490, 'JPY') })).toMatch(/[￥¥]1,490/);
    expect(keepTranslator('de', 'EUR')('done.left.title', SAMPLE)).toBe('Ihre Mitgliedschaft endet am 31. Januar 2027.');
    expect(keepTranslator('en', 'EUR')('leave.body', { ...SAMPLE, retentionDays: 1 })).toContain('within 1 day,');
  });

  it('resolves the member’s language, then its base language, then English', () => {
    expect(resolveKeepLocale('fr-CA')).toBe('fr');
    expect(resolveKeepLocale('pt-BR')).toBe('pt-BR');
    expect(resolveKeepLocale('pt-PT')).toBe('pt-BR');
    expect(resolveKeepLocale('JA')).toBe('ja');
    expect(resolveKeepLocale('nl')).toBe('en');
    expect(resolveKeepLocale('')).toBe('en');
    expect(localeFromAcceptLanguage('nl-NL,de;q=0.8,en;q=0.5')).toBe('de');
    expect(localeFromAcceptLanguage(undefined)).toBe('en');
  });
});
