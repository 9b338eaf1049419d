import { DataTable } from '@/components/ui/data-table';
import type { JobStatus } from '@/lib/cycle/status';
import { RunNowButton } from './run-now-button';

const when = (ms: number | null) => (ms == null ? '—' : `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`);

function counts(json: string | null): string {
  if (!json) return '';
  try {
    return Object.entries(JSON.parse(json) as Record<string, number>)
      .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} ${Number(v).toLocaleString('en')}`)
      .join(', ');
  } catch {
    return '';
  }
}

function LastRun({ job }: { job: JobStatus }) {
  const r = job.last;
  if (!r) return <span className="text-slate-500">Never run</span>;
  const kind = r.trigger === 'manual' ? `run now by ${r.requestedBy ?? 'unknown'}` : `day ${r.day}`;
  return (
    <div className="space-y-1">
      <div>
        <span className="font-medium">
          {r.status === 'done' ? 'Succeeded' : r.status === 'failed' ? 'Failed' : r.status === 'queued' ? 'Queued' : 'Running'}
        </span>{' '}
        <span className="text-slate-600">
          ({kind}, attempt {r.attempt})
        </span>
      </div>
      <div className="text-slate-600">
        Started {when(r.startedAt)} · ended {when(r.finishedAt)}
      </div>
      {r.status === 'running' ? (
        <div>
          <progress
            value={r.progressTotal ? r.progress : undefined}
            max={r.progressTotal ?? undefined}
            aria-label={`${job.label} progress`}
            className="mr-2 align-middle"
          />
          {r.progressTotal ? `${Math.floor((100 * r.progress) / r.progressTotal)}%` : 'working…'}
        </div>
      ) : null}
      {r.status === 'done' ? <div className="text-slate-700">{counts(r.counts) || 'No counts'}</div> : null}
      {r.error ? (
        <div role="note" className="rounded bg-red-50 px-2 py-1 text-red-800">
          {r.error}
        </div>
      ) : null}
    </div>
  );
}

const nextText = (j: JobStatus) =>
  j.next.why === 'due' ? 'Due now' : j.next.why === 'retry' ? `Retry at ${when(j.next.at)}` : when(j.next.at);

/** The cycle's jobs in order: last run (start, end, result, counts, error), next run, and "Run now" for admins. */
export function CycleJobs({ jobs, canRun }: { jobs: JobStatus[]; canRun: boolean }) {
  return (
    <DataTable
      caption="Jobs of the daily cycle, in the order they run"
      frame="card"
      head="tinted"
      pad="roomy"
      rows={jobs}
      rowKey={(j) => j.name}
      rowClassName="align-top"
      columns={[
        { header: 'Job', cell: (j) => <span className="font-medium">{j.label}</span> },
        { header: 'Last run', cell: (j) => <LastRun job={j} /> },
        { header: 'Next run', cell: nextText, className: 'whitespace-nowrap' },
        ...(canRun
          ? [
              {
                header: 'Run',
                srOnly: true,
                cell: (j: JobStatus) => (
                  <RunNowButton
                    job={j.name}
                    label={j.label}
                    busy={j.last?.trigger === 'manual' && (j.last.status === 'queued' || j.last.status === 'running')}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
