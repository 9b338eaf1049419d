import { cellText, type DataTable as Table } from '@/lib/metrics/table';

/** The chart's numbers as a real table (for screen readers and anyone who wants the figures). */
export function DataTable({ caption, table }: { caption: string; table: Table }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-slate-700 hover:text-slate-900">Show the numbers as a table</summary>
      <div className="mt-2 max-h-80 overflow-auto rounded border border-slate-200">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-slate-100">
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className={`px-2 py-1 font-medium ${c.format === 'text' ? '' : 'text-right'}`}>
                  {c.label}
                  {c.format === 'money' ? ' (USD)' : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id and never reorder
              <tr key={i} className="border-t border-slate-100">
                {r.map((v, j) => {
                  const c = table.columns[j];
                  const text = cellText(v, c?.format ?? 'text');
                  return j === 0 ? (
                    <th key={c?.key} scope="row" className="px-2 py-1 font-normal">
                      {text}
                    </th>
                  ) : (
                    <td key={c?.key} className={`px-2 py-1 tabular-nums ${c?.format === 'text' ? '' : 'text-right'}`}>
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
