import { formatMoney, REPORTING_CURRENCY } from '@/lib/domain/money';
import type { Cell, CellFormat } from './table';

// A table cell as a person reads it. Apart from table.ts (which also writes CSVs), so the overview's
// tables can format their cells in the browser without shipping the CSV writer there.

const intFmt = new Intl.NumberFormat('en-US');

/** Percent with one decimal, from a fraction (0.1234 → "12.3"). */
export function pctString(fraction: number): string {
  return (Math.round(fraction * 1000) / 10).toFixed(1);
}

export function cellText(value: Cell, format: CellFormat): string {
  if (value === null) return '—';
  switch (format) {
    case 'int':
      return intFmt.format(Number(value));
    case 'money':
      return formatMoney(BigInt(value), REPORTING_CURRENCY);
    case 'pct':
      return `${pctString(Number(value))}%`;
    default:
      return String(value);
  }
}
