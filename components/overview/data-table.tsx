import { cellText, type DataTable as Table } from '@/lib/domain/metrics/table';
import { DataTableView, type TableColumn } from './data-table-view';

// Formatted once per table object: the overview model (and its tables) is cached per process,
// so repeated views reuse the strings instead of formatting every cell again.
const formatted = new WeakMap<Table, { columns: TableColumn[]; cells: string[][] }>();

function format(table: Table) {
  let f = formatted.get(table);
  if (!f) {
    f = {
      columns: table.columns.map((c) => ({
        key: c.key,
        label: `${c.label}${c.format === 'money' ? ' (USD)' : ''}`,
        numeric: c.format !== 'text',
      })),
      cells: table.rows.map((r) => r.map((v, j) => cellText(v, table.columns[j]?.format ?? 'text'))),
    };
    formatted.set(table, f);
  }
  return f;
}

/** The chart's numbers as a real table (for screen readers and anyone who wants the figures). */
export function DataTable({ caption, table }: { caption: string; table: Table }) {
  const { columns, cells } = format(table);
  return <DataTableView caption={caption} columns={columns} cells={cells} />;
}
