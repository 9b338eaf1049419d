// A member's language: the BCP 47 tag messages are written to them in. Set by the member import
// and the API; when neither gives one, it defaults from the member's country through the table
// below. Rendering picks the closest translation a campaign has through the fallback chain.

export const DEFAULT_LANGUAGE = 'en';

/**
 * Country (ISO 3166-1 alpha-2) → the language a member there is written to by default. Covers the
 * demo's markets and the main streaming markets; any other country falls back to English. One
 * language per country, the majority one: a member who prefers another (a francophone in CA, a
 * German speaker in CH) is set by the import or the API.
 */
export const COUNTRY_LANGUAGE: Readonly<Record<string, string>> = {
  US: 'en',
  GB: 'en',
  CA: 'en',
  AU: 'en',
  NZ: 'en',
  IE: 'en',
  ZA: 'en',
  IN: 'hi',
  BR: 'pt-BR',
  PT: 'pt-PT',
  DE: 'de',
  AT: 'de',
  CH: 'de',
  FR: 'fr',
  BE: 'fr',
  LU: 'fr',
  ES: 'es',
  MX: 'es',
  AR: 'es',
  CO: 'es',
  CL: 'es',
  PE: 'es',
  IT: 'it',
  JP: 'ja',
  KR: 'ko',
  NL: 'nl',
  SE: 'sv',
  NO: 'nb',
  DK: 'da',
  FI: 'fi',
  PL: 'pl',
  TR: 'tr',
};

/** The default language for a country (English when the table does not list it). */
export function languageForCountry(country: string): string {
  return COUNTRY_LANGUAGE[country.toUpperCase()] ?? DEFAULT_LANGUAGE;
}

/** Languages the table can give, in a stable order: the choices of the language filters. */
export const KNOWN_LANGUAGES: readonly string[] = [...new Set(Object.values(COUNTRY_LANGUAGE))].sort();

export type LanguageParse = { ok: true; value: string } | { ok: false; reason: string };

/**
 * A BCP 47 tag in its canonical form ("PT-br" → "pt-BR"), or why it is not one. Uses the runtime's
 * own canonicalisation (Intl.getCanonicalLocales), so what is stored is what Intl formats with, and
 * refuses what it rejects.
 */
export function parseLanguageTag(raw: string): LanguageParse {
  const tag = raw.trim();
  if (!tag) return { ok: false, reason: 'Give a language tag such as "fr" or "pt-BR".' };
  if (tag.length > 35) return { ok: false, reason: `"${tag.slice(0, 35)}…" is too long for a language tag.` };
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    // BCP 47 also allows 5–8 letter primary subtags ("french" passes Intl), but none is registered:
    // a real language is an ISO 639 code of 2 or 3 letters.
    if (canonical && /^[a-z]{2,3}(-|$)/.test(canonical)) return { ok: true, value: canonical };
  } catch {
    // RangeError: not a well-formed BCP 47 tag.
  }
  return { ok: false, reason: `"${tag}" is not a BCP 47 language tag (examples: "fr", "de", "pt-BR").` };
}

/**
 * The tags to try, most specific first, ending with the campaign's default: "pt-BR" → pt-BR, pt,
 * then the default. Script and variant subtags are dropped one at a time ("zh-Hant-TW" → zh-Hant → zh).
 */
export function fallbackChain(language: string, defaultLanguage: string): string[] {
  const chain: string[] = [];
  const parts = language.split('-');
  for (let n = parts.length; n > 0; n--) chain.push(parts.slice(0, n).join('-'));
  if (!chain.includes(defaultLanguage)) chain.push(defaultLanguage);
  return chain;
}

/**
 * Which of the available translations a member in `language` gets: the first of the fallback chain
 * that exists (compared case-insensitively), else the default. `fellBack` says whether it is not
 * the member's language or a parent of it.
 */
export function pickLanguage(
  language: string,
  available: readonly string[],
  defaultLanguage: string,
): { language: string; fellBack: boolean } {
  const byLower = new Map(available.map((a) => [a.toLowerCase(), a]));
  const chain = fallbackChain(language, defaultLanguage);
  for (const tag of chain) {
    const hit = byLower.get(tag.toLowerCase());
    if (hit) return { language: hit, fellBack: primary(hit) !== primary(language) };
  }
  return { language: defaultLanguage, fellBack: primary(defaultLanguage) !== primary(language) };
}

const primary = (tag: string) => (tag.split('-')[0] ?? tag).toLowerCase();

/** A language's name in English for staff pages ("pt-BR" → "Portuguese (Brazil)"); the tag itself if unknown. */
export function languageName(tag: string): string {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

// One instance: constructing Intl.DisplayNames costs ~15 µs, once per row of the members table.
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
