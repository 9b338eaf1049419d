// Audit entries name members by id (or account id), never by their personal data, so erasing a
// member never has to edit the append-only log (decision 018). Staff entries may hold the staff
// member's own email: staff are not members and are not erased this way.

/** Field names that hold a member's personal data wherever they appear in an audit payload. */
export const MEMBER_PERSONAL_FIELDS: readonly string[] = [
  'email',
  'displayName',
  'display_name',
  'firstName',
  'first_name',
  'toAddress',
  'to_address',
  'address',
];

/** The personal-data fields (as dotted paths) found in an audit payload about something other than staff. */
export function personalFieldsIn(entityType: string, payload: unknown): string[] {
  if (entityType === 'staff') return [];
  const found: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
    } else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        if (MEMBER_PERSONAL_FIELDS.includes(k) && x != null) found.push(p);
        walk(x, p);
      }
  };
  walk(payload, '');
  return found;
}

/** Masks email addresses in free text (a bounce report's diagnostic, an error for the server log). */
export function redactEmails(text: string): string {
  return text.replace(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/g, '<email>');
}
