'use client';
import { useEffect, useRef, useState } from 'react';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { cellText } from '@/lib/domain/metrics/cell-text';
import type { DataTable } from '@/lib/domain/metrics/table';

type Formatted = { headers: { key: string; label: string; numeric: boolean }[]; cells: string[][] };

// Formatted once per table object (a disclosure closed and opened again reuses the strings).
const formatted = new WeakMap<DataTable, Formatted>();

function format(table: DataTable): Formatted {
  let f = formatted.get(table);
  if (!f) {
    f = {
      headers: table.columns.map((c) => ({
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

/**
 * The chart's numbers as a real table (for screen readers and anyone who wants the figures), behind
 * "Show the numbers as a table". A client component that receives the very `table` object its chart
 * receives: React's payload writes an object passed twice only once, so each chart's numbers travel
 * once, not once as numbers for the chart and again as formatted strings for the table. The rows
 * are rendered when the disclosure opens, not into every page's HTML: closed, they are hidden from
 * everyone (screen readers included), and the six tables' ~1,400 cells were a third of the
 * overview's HTML, rendered and encoded on every full load.
 */
export function DataTableView({ caption, table }: { caption: string; table: DataTable }) {
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  // Opened before the page became interactive (the summary works without React): show it now.
  useEffect(() => {
    if (details.current?.open) setOpen(true);
  }, []);
  return (
    <details ref={details} className="mt-3 text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-slate-700 hover:text-slate-900">Show the numbers as a table</summary>
      {open ? <NumbersTable caption={caption} table={table} /> : null}
    </details>
  );
}

function NumbersTable({ caption, table }: { caption: string; table: DataTable }) {
  const { headers, cells } = format(table);
  return (
    <ScrollRegion label={`${caption}: numbers`} className="mt-2 max-h-80 overflow-auto rounded border border-slate-200">
      {/* Cell styles set once on the table, not on each of hundreds of cells: shorter HTML per view. */}
      <table className="w-full border-collapse text-left [&_td]:px-2 [&_td]:py-1 [&_td]:text-right [&_td]:tabular-nums [&_tbody_th]:px-2 [&_tbody_th]:py-1 [&_tbody_th]:font-normal [&_tbody_tr]:border-t [&_tbody_tr]:border-slate-100">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-100">
          <tr>
            {headers.map((c) => (
              <th key={c.key} scope="col" className={`px-2 py-1 font-medium ${c.numeric ? 'text-right' : ''}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cells.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id and never reorder
            <tr key={i}>
              {r.map((text, j) => {
                const c = headers[j];
                return j === 0 ? (
                  <th key={c?.key} scope="row">
                    {text}
                  </th>
                ) : (
                  <td key={c?.key} className={c?.numeric ? undefined : 'text-left!'}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
