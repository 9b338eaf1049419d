const utc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** An instant with its zone visible ("12 Mar 2026, 09:30 UTC"); "—" when unset. */
export function utcTime(ms: number | null | undefined): string {
  return ms == null ? '—' : `${utc.format(ms)} UTC`;
}

export const int = (n: number) => n.toLocaleString('en');
