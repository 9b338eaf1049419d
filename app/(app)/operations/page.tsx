import { AlwaysOnCohorts } from '@/components/operations/always-on-cohorts';
import { CycleHistory } from '@/components/operations/cycle-history';
import { CycleJobs } from '@/components/operations/cycle-jobs';
import { RefreshWhileActive } from '@/components/operations/refresh-while-active';
import { PageHeader } from '@/components/shell/page-header';
import { recentCohorts } from '@/db/always-on';
import { getDb, getSqlite } from '@/db/client';
import { requirePage } from '@/lib/auth/session';
import { cycleHistory } from '@/lib/cycle/history';
import { cycleStatus } from '@/lib/cycle/status';
import { can } from '@/lib/domain/roles';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';

export const metadata = { title: 'Operations' };

export default async function Page() {
  const staff = await requirePage('operations.view');
  const { CYCLE_HOUR_UTC: hour, DISABLE_CYCLE } = config();
  const status = cycleStatus(getDb(), now(), hour);
  const hh = String(hour).padStart(2, '0');
  return (
    <>
      <PageHeader
        title="Operations"
        description={`The daily cycle runs at ${hh}:00 UTC, each job once per day and in this order; after downtime the missed days run once each, oldest first. A failed job is retried after 1, 5, 15, then every 60 minutes, and the jobs after it wait.`}
      />
      <RefreshWhileActive active={status.active} />
      <div className="space-y-8">
        {DISABLE_CYCLE === '1' ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            This server does not run the cycle (DISABLE_CYCLE=1): <code>npm run cycle</code> runs it, e.g. from cron.
          </p>
        ) : null}
        <CycleJobs jobs={status.jobs} canRun={can(staff.role, 'operations.run')} />
        <AlwaysOnCohorts cohorts={recentCohorts(getSqlite())} />
        <CycleHistory days={cycleHistory(getDb())} />
      </div>
    </>
  );
}
