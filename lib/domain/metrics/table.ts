import { stringify } from 'csv-stringify/sync';
import { minorToDecimal, REPORTING_CURRENCY } from '@/lib/domain/money';
import { pctString } from './cell-text';

export { cellText, pctString } from './cell-text';

/**
 * The numbers behind a chart, in one shape that feeds the chart, its screen-reader table and its
 * CSV download, so the three can never disagree. Money cells are reporting minor units.
 */
export type CellFormat = 'text' | 'int' | 'money' | 'pct';
export type Column = { key: string; label: string; format: CellFormat };
export type Cell = string | number | null;
export type DataTable = { columns: Column[]; rows: Cell[][] };

export function cellCsv(value: Cell, format: CellFormat): string {
  if (value === null) return '';
  switch (format) {
    case 'money':
      return minorToDecimal(BigInt(value), REPORTING_CURRENCY);
    case 'pct':
      return pctString(Number(value));
    default:
      return String(value);
  }
}

/** Column header for the CSV, naming the unit (so a spreadsheet reader knows what a number is). */
export function csvHeader(c: Column): string {
  if (c.format === 'money') return `${c.label} (${REPORTING_CURRENCY})`;
  if (c.format === 'pct') return `${c.label} (%)`;
  return c.label;
}

export function toCsv(t: DataTable): string {
  return stringify([t.columns.map(csvHeader), ...t.rows.map((r) => r.map((v, i) => cellCsv(v, t.columns[i]?.format ?? 'text')))]);
}
