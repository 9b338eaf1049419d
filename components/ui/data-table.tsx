import type { ReactNode } from 'react';
import { ScrollRegion } from './scroll-region';

// Server-compatible (no hooks, no 'use client'): it renders in server pages and inside client components alike.

/** The header row: tinted for stand-alone tables, muted or plain for tables inside a panel. */
const HEAD = {
  tinted: 'border-b border-slate-200 bg-slate-50 text-left text-slate-600',
  muted: 'border-b border-slate-200 text-left text-slate-600',
  plain: 'border-b border-slate-200 text-left',
};

/** Cell padding as [header cells, body cells]. Inline tables pad only between columns, so the last one ends flush. */
const PAD = {
  wide: ['px-4 py-2', 'px-4 py-2'],
  roomy: ['px-4 py-2', 'px-4 py-3'], // rows that hold forms or buttons
  narrow: ['px-3 py-2', 'px-3 py-2'], // many columns
  dense: ['px-3 py-2', 'px-3 py-1.5'], // long member lists
  inline: ['py-2 pr-4 last:pr-0', 'py-2 pr-4 last:pr-0'],
  inlineDense: ['py-1 pr-4 last:pr-0', 'py-1 pr-4 last:pr-0'],
} as const;

/** What wraps the table: a white card that scrolls sideways, or just the sideways scroll (the default). */
const FRAME = {
  card: 'relative overflow-x-auto rounded-lg border border-slate-200 bg-white',
  scroll: 'relative overflow-x-auto', // relative: sr-only headers stay inside the scroller
};

type Padding = keyof typeof PAD;

export type Header = {
  header: ReactNode;
  /** Right-aligned, with tabular figures in the body. */
  numeric?: boolean;
  /** The header is for screen readers only (an actions column). */
  srOnly?: boolean;
};

type TableProps = {
  /** The accessible name: a screen-reader-only caption, or `label` (aria-label) where a caption is not wanted.
   * It also names the region the table scrolls in. */
  caption?: string;
  label?: string;
  /** A plain string is a left-aligned header; `false` leaves a column out (columns only some staff may see). */
  columns: (Header | string | false)[];
  head?: keyof typeof HEAD;
  pad?: Padding;
  frame?: keyof typeof FRAME;
  /** Classes for the outermost element (the frame), e.g. margins. */
  className?: string;
  bodyClassName?: string;
  children: ReactNode;
};

/** Dates and times: on one line, digits lined up. */
export const DATE_CELL = 'whitespace-nowrap tabular-nums';

const rowClass = 'border-b border-slate-100 last:border-0';

function cellClass(pad: Padding, numeric?: boolean, extra?: string) {
  return cx(PAD[pad][1], numeric && 'text-right tabular-nums', extra);
}

/** A table with its header row; the caller writes the body rows. */
export function Table({
  caption,
  label,
  columns,
  head = 'tinted',
  pad = 'wide',
  frame,
  className,
  bodyClassName,
  children,
}: TableProps) {
  const table = (
    <table className="w-full text-sm" aria-label={label}>
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead className={HEAD[head]}>
        <tr>
          {columns.filter(isShown).map((col, i) => {
            const c = typeof col === 'string' ? { header: col } : col;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the header row is fixed for a render
              <th key={i} scope="col" className={cx(PAD[pad][0], 'font-medium', c.numeric && 'text-right')}>
                {c.srOnly ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody className={bodyClassName}>{children}</tbody>
    </table>
  );
  // Every table scrolls sideways inside its own frame on a narrow screen, never the page.
  const name = caption ?? label;
  const frameClass = cx(className, FRAME[frame ?? 'scroll']);
  return name ? (
    <ScrollRegion label={name} className={frameClass}>
      {table}
    </ScrollRegion>
  ) : (
    <div className={frameClass}>{table}</div>
  );
}

export type Column<Row> = Header & {
  cell: (row: Row) => ReactNode;
  /** Extra classes for this column's body cells. */
  className?: string | ((row: Row) => string | undefined);
  /** The cell names its row (th scope="row"); give it its font weight in `className`. */
  rowHeader?: boolean;
};

type DataTableProps<Row> = Omit<TableProps, 'columns' | 'children'> & {
  columns: (Column<Row> | false)[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  /** Extra classes for each body row (alignment, hover, emphasis). */
  rowClassName?: string | ((row: Row) => string | undefined);
  /** Shown in a full-width row when there are no rows; leave out when the caller shows something else instead. */
  empty?: ReactNode;
};

/** A table whose body rows are rendered from column definitions: each column's header and cell side by side. */
export function DataTable<Row>({ columns, rows, rowKey, rowClassName, empty, ...table }: DataTableProps<Row>) {
  const shown = columns.filter(isShown);
  const pad = table.pad ?? 'wide';
  return (
    <Table {...table} columns={shown}>
      {rows.map((r) => (
        <tr key={rowKey(r)} className={cx(rowClass, call(rowClassName, r))}>
          {shown.map((c, i) => {
            const className = cellClass(pad, c.numeric, cx(c.rowHeader && 'text-left', call(c.className, r)));
            return c.rowHeader ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for a render
              <th key={i} scope="row" className={className}>
                {c.cell(r)}
              </th>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for a render
              <td key={i} className={className}>
                {c.cell(r)}
              </td>
            );
          })}
        </tr>
      ))}
      {rows.length === 0 && empty ? (
        <tr>
          <td colSpan={shown.length} className="px-3 py-3 text-center text-slate-500">
            {empty}
          </td>
        </tr>
      ) : null}
    </Table>
  );
}

function isShown<T>(c: T | false): c is T {
  return c !== false;
}

function call<Row>(v: string | ((row: Row) => string | undefined) | undefined, row: Row) {
  return typeof v === 'function' ? v(row) : v;
}

function cx(...parts: (string | false | null | undefined)[]) {
  return parts.filter(Boolean).join(' ');
}
