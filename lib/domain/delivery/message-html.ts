// The envelope of a rendered campaign message, shared by delivery, preview and the seeded history.

/** Subjects are one header line: no line breaks, whatever a name or template holds. */
export function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').trim();
}

export function wrapHtml(bodyHtml: string): string {
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${bodyHtml}</body></html>`;
}
