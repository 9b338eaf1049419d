import type { ScanJob } from '@/db/dormancy';

const when = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;

type Summary = {
  day?: string;
  dormant?: number;
  newlyDormant?: number;
  reactivated?: number;
  scanned?: number;
  policyVersion?: number;
};
function summary(j: ScanJob): string {
  if (j.status !== 'done') return j.message ?? '';
  try {
    const s = JSON.parse(j.message ?? '{}') as Summary;
    return `${s.day}: ${s.scanned?.toLocaleString('en')} checked under v${s.policyVersion}, ${s.dormant?.toLocaleString('en')} dormant (${s.newlyDormant?.toLocaleString('en')} new), ${s.reactivated?.toLocaleString('en')} back to active`;
  } catch {
    return j.message ?? '';
  }
}

export function ScanRuns({ runs }: { runs: ScanJob[] }) {
  if (!runs.length) return <p className="mt-3 text-sm text-slate-600">No scans yet.</p>;
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full text-sm" aria-label="Recent dormancy scans">
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th className="py-2 pr-4 font-medium">Started</th>
            <th className="py-2 pr-4 font-medium">By</th>
            <th className="py-2 pr-4 font-medium">Status</th>
            <th className="py-2 pr-4 font-medium">Progress</th>
            <th className="py-2 pr-4 font-medium">Took</th>
            <th className="py-2 font-medium">Result</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((j) => {
            const pct = j.total ? Math.floor((100 * j.progress) / j.total) : j.status === 'done' ? 100 : 0;
            return (
              <tr key={j.id} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-4 whitespace-nowrap">{when(j.startedAt)}</td>
                <td className="py-2 pr-4">{j.startedBy}</td>
                <td className="py-2 pr-4">{j.status}</td>
                <td className="py-2 pr-4">
                  <progress value={pct} max={100} aria-label={`Scan ${j.id} progress`} className="mr-2 align-middle" />
                  {pct}%
                </td>
                <td className="py-2 pr-4 tabular-nums">
                  {j.finishedAt ? `${((j.finishedAt - j.startedAt) / 1000).toFixed(1)} s` : '…'}
                </td>
                <td className="py-2 text-slate-700">{summary(j)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
