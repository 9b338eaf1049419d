import { pickLanguage } from '../members/language';

// Which text of a variant a member gets: the translation closest to the member's language through
// the fallback chain (pt-BR → pt → the campaign's default), else the variant's own default text.

export type LocalizedTexts = {
  subjectTemplate: string;
  bodyTemplate: string;
  translations: readonly { language: string; subjectTemplate: string; bodyTemplate: string }[];
};

/**
 * `language`: the text's language; `locale`: what values are formatted in — the member's own
 * language unless the text fell back (then the text's, so an English text never carries a French
 * price).
 */
export type ChosenTemplate = {
  language: string;
  locale: string;
  fellBack: boolean;
  subjectTemplate: string;
  bodyTemplate: string;
};

export function templateFor(v: LocalizedTexts, memberLanguage: string, defaultLanguage: string): ChosenTemplate {
  const t = pickText(v, memberLanguage, defaultLanguage);
  return { ...t, locale: t.fellBack ? t.language : memberLanguage };
}

function pickText(v: LocalizedTexts, memberLanguage: string, defaultLanguage: string): Omit<ChosenTemplate, 'locale'> {
  const picked = pickLanguage(memberLanguage, [defaultLanguage, ...v.translations.map((t) => t.language)], defaultLanguage);
  const t = v.translations.find((x) => x.language.toLowerCase() === picked.language.toLowerCase());
  if (!t || picked.language.toLowerCase() === defaultLanguage.toLowerCase())
    return {
      language: defaultLanguage,
      fellBack: picked.fellBack,
      subjectTemplate: v.subjectTemplate,
      bodyTemplate: v.bodyTemplate,
    };
  return { language: t.language, fellBack: picked.fellBack, subjectTemplate: t.subjectTemplate, bodyTemplate: t.bodyTemplate };
}

/** For each language of the recipients, whether some variant sends it in the default language instead. */
export function fallbackLanguages(
  recipientLanguages: readonly string[],
  variants: readonly (LocalizedTexts & { key: string })[],
  defaultLanguage: string,
): { language: string; fallsBackIn: string[] }[] {
  return recipientLanguages.map((language) => ({
    language,
    fallsBackIn: variants.filter((v) => templateFor(v, language, defaultLanguage).fellBack).map((v) => v.key),
  }));
}
