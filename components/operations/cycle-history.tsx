import { DATE_CELL, DataTable } from '@/components/ui/data-table';
import type { CycleDay } from '@/lib/cycle/history';

const figure = (n: number | null) => (n == null ? '—' : n.toLocaleString('en'));
/** The time, with the date too when a day's jobs ended on a later day (caught up after downtime). */
function when(day: string, ms: number | null) {
  if (ms == null) return '—';
  const iso = new Date(ms).toISOString();
  return iso.startsWith(day) ? `${iso.slice(11, 16)} UTC` : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function Outcome({ d }: { d: CycleDay }) {
  const text =
    d.done === d.jobs
      ? `All ${d.jobs} jobs succeeded`
      : d.failed
        ? `${d.done} of ${d.jobs} succeeded, ${d.failed} failed`
        : `${d.done} of ${d.jobs} succeeded so far`;
  return (
    <span>
      {text}
      {d.retries ? <span className="text-slate-600"> · {d.retries} retried</span> : null}
    </span>
  );
}

/** The days the cycle ran for, newest first, with what each day's jobs found and did. */
export function CycleHistory({ days }: { days: CycleDay[] }) {
  return (
    <section aria-labelledby="cycle-history-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="cycle-history-h" className="mb-1 text-lg font-semibold">
        Past days
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Each day’s scheduled runs (the newest {days.length > 0 ? days.length : ''} days). Dormant counts are the scan’s; enrolled
        members include each cohort’s holdout.
      </p>
      {days.length === 0 ? (
        <p className="text-sm text-slate-600">The cycle has not run yet.</p>
      ) : (
        <DataTable
          caption="Days of the daily cycle, newest first"
          rows={days}
          rowKey={(d) => d.day}
          columns={[
            { header: 'Day (UTC)', rowHeader: true, cell: (d) => d.day, className: DATE_CELL },
            { header: 'Jobs', cell: (d) => <Outcome d={d} /> },
            { header: 'Dormant', numeric: true, cell: (d) => figure(d.dormant) },
            { header: 'Newly dormant', numeric: true, cell: (d) => figure(d.newlyDormant) },
            { header: 'Enrolled (always on)', numeric: true, cell: (d) => figure(d.enrolled) },
            { header: 'Campaigns closed', numeric: true, cell: (d) => figure(d.closed) },
            { header: 'Finished', cell: (d) => when(d.day, d.finishedAt), className: DATE_CELL },
          ]}
        />
      )}
    </section>
  );
}
