// The envelope of a rendered campaign message, shared by delivery, preview and the seeded history.

/** Subjects are one header line: no line breaks, whatever a name or template holds. */
export function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').trim();
}

/** The HTML document around a rendered body; `language` (a canonical BCP 47 tag) lets readers and screen readers pick the right voice. */
export function wrapHtml(bodyHtml: string, language = 'en'): string {
  const lang = /^[A-Za-z0-9-]{1,35}$/.test(language) ? language : 'en';
  return `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif;line-height:1.5">${bodyHtml}</body></html>`;
}
