/** "3 days", "5 hours", "12 minutes": how long ago `from` was at `to`. */
export function ageLabel(from: number, to: number): string {
  const mins = Math.max(0, Math.floor((to - from) / 60_000));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (mins < 60) return plural(mins, 'minute');
  const hours = Math.floor(mins / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

/** An instant shown with its zone: "2024-06-01 10:00 UTC". */
export function formatUtc(ms: number | null | undefined): string {
  if (ms == null) return '—';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
