import { DATE_CELL, DataTable } from '@/components/ui/data-table';
import type { TimelineRow } from '@/db/members';
import { formatDayTime } from '@/lib/domain/members/format';

export function MemberTimeline({ rows }: { rows: TimelineRow[] }) {
  if (rows.length === 0) return <p className="p-4 text-sm text-slate-600">No views recorded.</p>;
  return (
    <DataTable
      caption="Viewing timeline, most recent first"
      rows={rows}
      rowKey={(e) => `${e.watchedAt}-${e.titleId}`}
      columns={[
        { header: 'Watched', cell: (e) => formatDayTime(e.watchedAt), className: DATE_CELL },
        { header: 'Title', cell: (e) => e.titleName ?? `Title #${e.titleId}` },
        { header: 'Kind', cell: (e) => e.kind ?? '—', className: 'capitalize text-slate-600' },
        { header: 'Minutes', numeric: true, cell: (e) => Math.round(e.secondsWatched / 60) },
      ]}
    />
  );
}
