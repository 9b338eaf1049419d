import { DataTable } from '@/components/ui/data-table';
import type { PolicyVersion } from '@/db/schema';

const when = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ').slice(0, 16)} UTC`;

export function VersionHistory({
  versions,
}: {
  versions: Pick<
    PolicyVersion,
    'id' | 'neverWatchedDays' | 'inactiveDays' | 'responseDays' | 'retentionDays' | 'createdBy' | 'createdAt' | 'note'
  >[];
}) {
  if (!versions.length) return <p className="text-sm text-slate-600">No versions yet.</p>;
  return (
    <DataTable
      label="Policy versions"
      frame="scroll"
      head="plain"
      pad="inline"
      rows={versions}
      rowKey={(v) => v.id}
      columns={[
        {
          header: 'Version',
          className: 'font-medium',
          cell: (v) => (
            <>
              v{v.id}
              {v === versions[0] ? (
                <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800">current</span>
              ) : null}
            </>
          ),
        },
        { header: 'Never watched', numeric: true, cell: (v) => `${v.neverWatchedDays} d` },
        { header: 'Inactive', numeric: true, cell: (v) => `${v.inactiveDays} d` },
        { header: 'Response', numeric: true, cell: (v) => `${v.responseDays} d` },
        { header: 'Retention', numeric: true, cell: (v) => `${v.retentionDays} d` },
        { header: 'Saved by', cell: (v) => v.createdBy },
        { header: 'When', cell: (v) => when(v.createdAt), className: 'whitespace-nowrap' },
        { header: 'Note', cell: (v) => v.note, className: 'text-slate-600' },
      ]}
    />
  );
}
