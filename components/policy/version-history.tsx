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
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label="Policy versions">
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th className="py-2 pr-4 font-medium">Version</th>
            <th className="py-2 pr-4 text-right font-medium">Never watched</th>
            <th className="py-2 pr-4 text-right font-medium">Inactive</th>
            <th className="py-2 pr-4 text-right font-medium">Response</th>
            <th className="py-2 pr-4 text-right font-medium">Retention</th>
            <th className="py-2 pr-4 font-medium">Saved by</th>
            <th className="py-2 pr-4 font-medium">When</th>
            <th className="py-2 font-medium">Note</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v, i) => (
            <tr key={v.id} className="border-b border-slate-100">
              <td className="py-2 pr-4 font-medium">
                v{v.id}
                {i === 0 ? (
                  <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800">current</span>
                ) : null}
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{v.neverWatchedDays} d</td>
              <td className="py-2 pr-4 text-right tabular-nums">{v.inactiveDays} d</td>
              <td className="py-2 pr-4 text-right tabular-nums">{v.responseDays} d</td>
              <td className="py-2 pr-4 text-right tabular-nums">{v.retentionDays} d</td>
              <td className="py-2 pr-4">{v.createdBy}</td>
              <td className="py-2 pr-4 whitespace-nowrap">{when(v.createdAt)}</td>
              <td className="py-2 text-slate-600">{v.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
