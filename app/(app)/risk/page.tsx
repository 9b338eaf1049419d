import { BacktestTable } from '@/components/risk/backtest-table';
import { RiskFormula } from '@/components/risk/risk-formula';
import { PageHeader } from '@/components/shell/page-header';
import { getDb } from '@/db/client';
import { latestBacktest, latestRiskDay } from '@/db/risk';
import { requirePage } from '@/lib/auth/session';
import { summariseBacktest } from '@/lib/domain/risk/backtest';

export const metadata = { title: 'Members at risk' };

const count = new Intl.NumberFormat('en');

export default async function RiskPage() {
  await requirePage('members.view');
  const latest = latestRiskDay(getDb());
  const stored = latestBacktest(getDb());
  return (
    <>
      <PageHeader
        title="Members at risk"
        description="Active members drifting away before they become dormant: each gets a score from their own viewing, refreshed daily. Segments can target the high and medium bands."
      />
      <div className="space-y-8">
        <section aria-labelledby="now-h" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="now-h" className="text-lg font-semibold">
            {latest.day ? `At risk on ${latest.day}` : 'Not scored yet'}
          </h2>
          {latest.day ? (
            <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-slate-500">High</dt>
                <dd className="text-xl font-semibold tabular-nums">{count.format(latest.high)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Medium</dt>
                <dd className="text-xl font-semibold tabular-nums">{count.format(latest.medium)}</dd>
              </div>
            </dl>
          ) : (
            <p className="mt-1 text-sm text-slate-600">
              Scores are written by the daily cycle, or now with <code>npm run risk:score</code>.
            </p>
          )}
        </section>
        {stored ? (
          <BacktestTable b={{ ...summariseBacktest(stored.rows), scoredDay: stored.scoredDay, outcomeDay: stored.outcomeDay }} />
        ) : null}
        <RiskFormula />
      </div>
    </>
  );
}
