import { DATE_CELL, DataTable } from '@/components/ui/data-table';

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
    <DataTable
      caption="Audit entries, newest first"
      frame="card"
      rows={rows}
      rowKey={(r) => r.id}
      rowClassName="align-top"
      columns={[
        { header: 'When (UTC)', cell: (r) => when.format(r.at), className: DATE_CELL },
        { header: 'Actor', cell: (r) => r.actorLabel },
        { header: 'Action', cell: (r) => r.action, className: 'font-mono text-xs' },
        { header: 'Entity', cell: (r) => `${r.entityType}${r.entityId ? ` #${r.entityId}` : ''}` },
        { header: 'Change', cell: (r) => <Change before={r.before} after={r.after} />, className: 'max-w-md' },
      ]}
    />
  );
}
