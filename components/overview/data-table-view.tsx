'use client';

export type TableColumn = { key: string; label: string; numeric: boolean };

/**
 * The table markup, as a client component fed already-formatted strings: the page payload then
 * carries each cell once as a short string instead of a server-rendered element tree per cell
 * (the tables were half of the overview's payload). The server still renders it into the HTML.
 */
export function DataTableView({ caption, columns, cells }: { caption: string; columns: TableColumn[]; cells: string[][] }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-slate-700 hover:text-slate-900">Show the numbers as a table</summary>
      <div className="mt-2 max-h-80 overflow-auto rounded border border-slate-200">
        {/* Cell styles set once on the table, not on each of hundreds of cells: shorter HTML per view. */}
        <table className="w-full border-collapse text-left [&_td]:px-2 [&_td]:py-1 [&_td]:text-right [&_td]:tabular-nums [&_tbody_th]:px-2 [&_tbody_th]:py-1 [&_tbody_th]:font-normal [&_tbody_tr]:border-t [&_tbody_tr]:border-slate-100">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-slate-100">
            <tr>
              {columns.map((c) => (
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
                  const c = columns[j];
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
      </div>
    </details>
  );
}
