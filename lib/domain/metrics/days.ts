// UTC calendar helpers on 'YYYY-MM-DD' days and 'YYYY-MM' months (DOMAIN: day boundaries are UTC).
// Written on integers so the server's time zone can never shift a month.

export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of the UTC day containing `ms`. */
export function dayIndex(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

function parts(month: string): [number, number] {
  return [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
}

function fmtMonth(y: number, m: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function addMonthsToMonth(month: string, k: number): string {
  const [y, m] = parts(month);
  const idx = y * 12 + (m - 1) + k;
  return fmtMonth(Math.floor(idx / 12), (idx % 12) + 1);
}

export function daysInMonth(month: string): number {
  const [y, m] = parts(month);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function lastDayOfMonth(month: string): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** The same day k months later, clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsToDay(day: string, k: number): string {
  const month = addMonthsToMonth(monthOf(day), k);
  const d = Math.min(Number(day.slice(8, 10)), daysInMonth(month));
  return `${month}-${String(d).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, inclusive (empty when from > to). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonthsToMonth(m, 1)) out.push(m);
  return out;
}

export function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((dayStartMs(toDay) - dayStartMs(fromDay)) / DAY_MS);
}

export function addDays(day: string, n: number): string {
  return dayOf(dayStartMs(day) + n * DAY_MS);
}
