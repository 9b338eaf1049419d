import { DataTable } from '@/components/ui/data-table';
import type { ScanJob } from '@/db/dormancy-jobs';

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
    <DataTable
      label="Recent dormancy scans"
      className="mt-4"
      frame="scroll"
      head="plain"
      pad="inline"
      rows={runs}
      rowKey={(j) => j.id}
      rowClassName="align-top"
      columns={[
        { header: 'Started', cell: (j) => when(j.startedAt), className: 'whitespace-nowrap' },
        { header: 'By', cell: (j) => j.startedBy },
        { header: 'Status', cell: (j) => j.status },
        { header: 'Progress', cell: (j) => <Progress job={j} /> },
        {
          header: 'Took',
          cell: (j) => (j.finishedAt ? `${((j.finishedAt - j.startedAt) / 1000).toFixed(1)} s` : '…'),
          className: 'tabular-nums',
        },
        { header: 'Result', cell: summary, className: 'text-slate-700' },
      ]}
    />
  );
}

function Progress({ job: j }: { job: ScanJob }) {
  const pct = j.total ? Math.floor((100 * j.progress) / j.total) : j.status === 'done' ? 100 : 0;
  return (
    <>
      <progress value={pct} max={100} aria-label={`Scan ${j.id} progress`} className="mr-2 align-middle" />
      {pct}%
    </>
  );
}
