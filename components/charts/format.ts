import type { DataTable } from '@/lib/domain/metrics/table';
import { formatMoney, REPORTING_CURRENCY } from '@/lib/domain/money';

/** Chart colours: distinct at a glance, and the same meaning everywhere on the page. */
export const PALETTE = ['#ea580c', '#2563eb', '#16a34a', '#9333ea', '#0891b2', '#ca8a04', '#db2777', '#64748b'];
export const REASON_COLOURS: Record<string, string> = { never_watched: '#f59e0b', inactive: '#4f46e5' };
export const HOLDOUT_COLOUR = '#94a3b8';

export const usdCompact = (minor: number) => formatMoney(BigInt(Math.round(minor)), REPORTING_CURRENCY, { compact: true });
export const usdFull = (minor: number) => formatMoney(BigInt(Math.round(minor)), REPORTING_CURRENCY);
// Built once: constructing an Intl.NumberFormat costs far more than formatting with it.
const intFormat = new Intl.NumberFormat('en-US');
const intCompactFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
export const intFull = (n: number) => intFormat.format(n);
export const intCompact = (n: number) => intCompactFormat.format(n);
export const pct = (f: number, digits = 1) => `${(f * 100).toFixed(digits)}%`;

/** The table's rows as objects keyed by column, for Recharts. */
export function rowsAsObjects(t: DataTable): Record<string, string | number | null>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.key, r[i] ?? null])));
}

export const AXIS_TICK = { fontSize: 12, fill: '#475569' };
export const AXIS_LABEL = { fontSize: 12, fill: '#334155' };
