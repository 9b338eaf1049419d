type Row = {
  id: number;
  at: number;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
};

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

function Change({ before, after }: { before: string | null; after: string | null }) {
  if (!before && !after) return <span className="text-slate-400">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-brand-700">Details</summary>
      {before ? <pre className="mt-1 whitespace-pre-wrap break-all text-xs text-slate-600">before: {before}</pre> : null}
      {after ? <pre className="mt-1 whitespace-pre-wrap break-all text-xs text-slate-800">after: {after}</pre> : null}
    </details>
  );
}

export function AuditTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0)
    return <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-600">No audit entries match.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">Audit entries, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-4 py-2 font-medium">When (UTC)</th>
            <th className="px-4 py-2 font-medium">Actor</th>
            <th className="px-4 py-2 font-medium">Action</th>
            <th className="px-4 py-2 font-medium">Entity</th>
            <th className="px-4 py-2 font-medium">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-100 align-top last:border-0">
              <td className="whitespace-nowrap px-4 py-2 tabular-nums">{when.format(r.at)}</td>
              <td className="px-4 py-2">{r.actorLabel}</td>
              <td className="px-4 py-2 font-mono text-xs">{r.action}</td>
              <td className="px-4 py-2">
                {r.entityType}
                {r.entityId ? ` #${r.entityId}` : ''}
              </td>
              <td className="max-w-md px-4 py-2">
                <Change before={r.before} after={r.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
