import { describe, expect, it } from 'vitest';
import { fallbackLanguages, templateFor } from './localized';

const variant = {
  key: 'A',
  subjectTemplate: 'Keep {{plan}}?',
  bodyTemplate: 'Hi',
  translations: [
    { language: 'fr', subjectTemplate: 'Garder {{plan}} ?', bodyTemplate: 'Bonjour' },
    { language: 'pt', subjectTemplate: 'Manter {{plan}}?', bodyTemplate: 'Olá' },
  ],
};

describe('the text a member gets', () => {
  it("is the translation in the member's language, or its parent", () => {
    expect(templateFor(variant, 'fr', 'en')).toMatchObject({
      language: 'fr',
      locale: 'fr',
      fellBack: false,
      bodyTemplate: 'Bonjour',
    });
    expect(templateFor(variant, 'fr-CA', 'en')).toMatchObject({ language: 'fr', locale: 'fr-CA', bodyTemplate: 'Bonjour' });
    expect(templateFor(variant, 'pt-BR', 'en')).toMatchObject({ language: 'pt', locale: 'pt-BR', bodyTemplate: 'Olá' });
  });

  it('falls back to the default text, formatted in the default language', () => {
    expect(templateFor(variant, 'de', 'en')).toMatchObject({ language: 'en', locale: 'en', fellBack: true, bodyTemplate: 'Hi' });
    expect(templateFor(variant, 'en-GB', 'en')).toMatchObject({ language: 'en', locale: 'en-GB', fellBack: false });
  });

  it('names, per recipient language, the variants that fall back', () => {
    const b = { ...variant, key: 'B', translations: [] };
    expect(fallbackLanguages(['fr', 'de', 'en'], [variant, b], 'en')).toEqual([
      { language: 'fr', fallsBackIn: ['B'] },
      { language: 'de', fallsBackIn: ['A', 'B'] },
      { language: 'en', fallsBackIn: [] },
    ]);
  });
});
