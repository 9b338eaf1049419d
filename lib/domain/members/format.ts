// Display formatting for the members pages. Money arrives as integer minor units with an ISO 4217
// currency; Intl knows each currency's minor digits (2 for USD, 0 for JPY and KRW).

const money = new Map<string, Intl.NumberFormat>();

export function formatMinor(minor: number, currency: string): string {
  let f = money.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    money.set(currency, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** "5 Mar 2024" (UTC day). */
export function formatDay(ms: number | null | undefined): string {
  return ms == null ? '—' : day.format(ms);
}

/** "5 Mar 2024, 14:07 UTC". */
export function formatDayTime(ms: number | null | undefined): string {
  return ms == null ? '—' : `${dayTime.format(ms)} UTC`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
