import { KEEP_LOCALES } from './keep/format';

// The <html lang> of a page: English for staff pages; a member's keep page names its language in a
// request header that proxy.ts sets (and strips from whatever a client sent).

export const PAGE_LANGUAGE_HEADER = 'x-rekindle-page-lang';

/** The header's value when it is a locale we ship, else 'en'. */
export function pageLanguage(header: string | null): string {
  return header && (KEEP_LOCALES as readonly string[]).includes(header) ? header : 'en';
}
