import type { TimelineRow } from '@/db/members';
import { formatDayTime } from '@/lib/members/format';

export function MemberTimeline({ rows }: { rows: TimelineRow[] }) {
  if (rows.length === 0) return <p className="p-4 text-sm text-slate-600">No views recorded.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Viewing timeline, most recent first</caption>
      <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
        <tr>
          <th className="px-4 py-2 font-medium">Watched</th>
          <th className="px-4 py-2 font-medium">Title</th>
          <th className="px-4 py-2 font-medium">Kind</th>
          <th className="px-4 py-2 text-right font-medium">Minutes</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={`${e.watchedAt}-${e.titleId}`} className="border-b border-slate-100 last:border-0">
            <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDayTime(e.watchedAt)}</td>
            <td className="px-4 py-2">{e.titleName ?? `Title #${e.titleId}`}</td>
            <td className="px-4 py-2 capitalize text-slate-600">{e.kind ?? '—'}</td>
            <td className="px-4 py-2 text-right tabular-nums">{Math.round(e.secondsWatched / 60)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
