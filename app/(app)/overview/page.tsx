import Link from 'next/link';
import type { ReactNode } from 'react';
import { recentCampaignRows, usdCompact, usdFull } from '@/components/charts/format';
import { DormantChart, ForecastChart, ForgoneChart, FunnelChart, RejoinChart, WinbackChart } from '@/components/charts/lazy';
import { ChartPanel } from '@/components/overview/chart-panel';
import { Definitions } from '@/components/overview/definitions';
import { FiltersForm } from '@/components/overview/filters-form';
import { Notices } from '@/components/overview/notices';
import { StatCard } from '@/components/overview/stat-card';
import { PageHeader } from '@/components/shell/page-header';
import { requirePage } from '@/lib/auth/session';
import { type Breakdown, filtersToSearch } from '@/lib/domain/metrics/filters';
import { CHART_CAMPAIGNS } from '@/lib/domain/metrics/overview';
import { pctString } from '@/lib/domain/metrics/table';
import { can } from '@/lib/domain/roles';
import { overviewFor, type SearchParams } from './load';

export const metadata = { title: 'Executive overview' };

const intFormat = new Intl.NumberFormat('en-US');
const int = (n: number) => intFormat.format(n);
const utc = (ms: number | null) => (ms === null ? 'not yet' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
/** Large amounts read at a glance in compact form ($933.8K); the exact amount stays one hover or one read away. */
function Usd({ minor }: { minor: number }) {
  if (Math.abs(minor) < 10_000_000) return <>{usdFull(minor)}</>;
  return (
    <span title={usdFull(minor)}>
      {usdCompact(minor)}
      <span className="sr-only"> (exactly {usdFull(minor)})</span>
    </span>
  );
}
const BREAKDOWN_LABELS: Record<Breakdown, string> = { reason: 'By reason', country: 'By country', plan: 'By plan' };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePage('overview.view');
  const { filters, messages, options, model: o, at } = await overviewFor(await searchParams);
  const prepMembers = o.preparing.parts.includes('members');
  const prepOutcomes = o.preparing.parts.includes('outcomes');
  /** A card whose aggregate is not built yet shows that, never a zero. */
  const pending = (ready: boolean, value: ReactNode) => (ready ? value : '…');
  const pendingDetail = (ready: boolean, detail: ReactNode) => (ready ? detail : 'being prepared');
  const c = o.cards;
  const q = filtersToSearch(filters);
  const csv = (chart: string) => `/overview/csv/${chart}?${q}`;
  const scope = [filters.country ?? 'all countries', filters.plan ? `${filters.plan} plan` : 'all plans'].join(', ');
  const wb = c.winback90;

  return (
    <>
      <PageHeader
        title="Executive overview"
        description={
          <>
            Dormant members, what cancelling them costs, and what campaigns win back — {scope}, {filters.from} to {filters.to}.{' '}
            {o.asOf.members === null ? 'Member figures are being prepared' : `Member figures as of ${utc(o.asOf.members)}`};{' '}
            {o.asOf.outcomes === null
              ? 'campaign and batch figures are being prepared'
              : `campaign and batch figures as of ${utc(o.asOf.outcomes)}`}
            . Amounts in US dollars.
          </>
        }
        actions={
          can(staff.role, 'simulator.use') ? (
            <Link
              href="/overview/simulator"
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
            >
              What-if simulator
            </Link>
          ) : null
        }
      />
      {o.preparing.parts.length > 0 ? (
        <Notices
          tone="info"
          messages={[
            `Figures are being prepared${o.preparing.startedAt === null ? '' : ` — started ${Math.max(0, Math.round((at - o.preparing.startedAt) / 1000))} seconds ago`}; reload in a moment. ${prepMembers ? 'Member figures' : ''}${prepMembers && prepOutcomes ? ' and ' : ''}${prepOutcomes ? 'campaign and batch figures' : ''} appear once ready; the rest of the page is current.`,
          ]}
        />
      ) : null}
      <Notices messages={messages} />
      {o.missingRates.length > 0 ? (
        <Notices
          messages={[
            `No exchange rate is stored for ${o.missingRates.join(', ')}; amounts in those currencies are left out of the dollar totals.`,
          ]}
        />
      ) : null}
      <FiltersForm filters={filters} countries={options.countries} plans={options.plans} maxMonth={o.currentMonth} />

      <section aria-label="Headline figures">
        <dl className="grid grid-cols-2 gap-4 xl:grid-cols-4">
          <StatCard
            label="Members"
            value={pending(!prepMembers, int(c.members))}
            detail={pendingDetail(!prepMembers, 'not cancelled')}
            definition="members"
          />
          <StatCard
            label="Dormant now"
            value={pending(!prepMembers, int(c.dormant))}
            detail={pendingDetail(
              !prepMembers,
              <>
                {c.dormantShare === null ? '—' : `${pctString(c.dormantShare)}%`} of members · {int(c.dormantNeverWatched)} never
                watched, {int(c.dormantInactive)} inactive
              </>,
            )}
            definition="dormant"
          />
          <StatCard
            label="Revenue at risk (now)"
            value={pending(!prepMembers, <Usd minor={c.atRiskUsd} />)}
            detail={pendingDetail(!prepMembers, `a month, from ${int(c.atRiskCount)} members dormant or in an open campaign`)}
            definition="at-risk"
          />
          <StatCard
            label="Win-back rate, last 90 days"
            value={pending(!prepOutcomes, wb.variants.rate === null ? '—' : `${pctString(wb.variants.rate)}%`)}
            detail={pendingDetail(
              !prepOutcomes,
              wb.variants.assigned > 0
                ? `${int(wb.variants.wonBack)} of ${int(wb.variants.assigned)} assigned, ${wb.campaigns} campaign${wb.campaigns === 1 ? '' : 's'}; holdout ${wb.holdout.rate === null ? '—' : `${pctString(wb.holdout.rate)}%`}`
                : 'no campaign deadline in the last 90 days',
            )}
            definition="winback"
          />
          <StatCard
            label={`Members cancelled in ${c.year}`}
            value={pending(!prepOutcomes, int(c.cancelledThisYear))}
            detail={pendingDetail(
              !prepOutcomes,
              `${int(c.cancelledEver)} since the first batch${c.firstBatchMonth ? ` (${c.firstBatchMonth})` : ''}`,
            )}
            definition="cancelled"
          />
          <StatCard
            label="Rejoins within the retention window"
            value={pending(!prepOutcomes, int(c.rejoinedEver))}
            detail={pendingDetail(
              !prepOutcomes,
              `${c.cancelledEver > 0 ? `${pctString(c.rejoinedEver / c.cancelledEver)}%` : '—'} of ${int(c.cancelledEver)} cancelled; window ${c.retentionDays} days`,
            )}
            definition="rejoins"
          />
          <div className="col-span-2 rounded-lg border border-brand-100 bg-brand-50 p-4">
            <dt className="flex items-center justify-between text-sm font-medium text-slate-700">
              <span>Forgone revenue</span>
              <a
                href="#def-forgone"
                className="text-xs font-normal text-slate-500 underline decoration-dotted hover:text-slate-800"
              >
                definition<span className="sr-only"> of forgone revenue</span>
              </a>
            </dt>
            <dd className="mt-1 grid grid-cols-3 gap-3">
              <span>
                <span className="block text-2xl font-semibold tabular-nums tracking-tight">
                  {pending(!prepOutcomes, <Usd minor={c.forgoneMonthUsd} />)}
                </span>
                <span className="block text-xs text-slate-600">
                  monthly ({o.currentMonth}, {prepOutcomes ? '…' : int(c.forgoneMonthMembers)} members)
                </span>
              </span>
              <span>
                <span className="block text-2xl font-semibold tabular-nums tracking-tight">
                  {pending(!prepOutcomes, <Usd minor={c.forgoneAnnualUsd} />)}
                </span>
                <span className="block text-xs text-slate-600">annualised (12 × this month)</span>
              </span>
              <span>
                <span className="block text-2xl font-semibold tabular-nums tracking-tight">
                  {pending(!prepOutcomes, <Usd minor={c.forgoneCumulativeUsd} />)}
                </span>
                <span className="block text-xs text-slate-600">cumulative since the first batch</span>
              </span>
            </dd>
          </div>
        </dl>
      </section>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <ChartPanel
          id="dormant"
          wide
          title="Dormant members over time"
          subtitle={`Members dormant on each day (${o.dormant.weekly ? 'one point a week: the latest scanned day of the week' : 'daily'}), from the daily dormancy scans.`}
          csvHref={csv('dormant')}
          table={o.dormant.table}
          controls={
            <nav aria-label="Break dormant members down" className="flex rounded-md border border-slate-300 text-xs">
              {(['reason', 'country', 'plan'] as const).map((by) => (
                <Link
                  key={by}
                  href={`/overview?${filtersToSearch(filters, { by })}`}
                  aria-current={filters.by === by ? 'true' : undefined}
                  className={`px-2 py-1 font-medium ${filters.by === by ? 'bg-slate-800 text-white' : 'text-slate-700 hover:bg-slate-50'}`}
                  scroll={false}
                >
                  {BREAKDOWN_LABELS[by]}
                </Link>
              ))}
            </nav>
          }
        >
          <DormantChart table={o.dormant.table} series={o.dormant.series} />
        </ChartPanel>

        <ChartPanel
          id="forgone"
          preparing={prepOutcomes}
          title="Forgone revenue per month"
          subtitle="Monthly price of members cancelled by Rekindle who had not rejoined by the month’s end (bars), and the running total since the first batch (line). USD."
          csvHref={csv('forgone')}
          table={o.forgone.table}
        >
          <ForgoneChart table={o.forgone.table} />
        </ChartPanel>

        <ChartPanel
          id="forecast"
          preparing={prepOutcomes}
          title={`Forgone revenue forecast, ${filters.horizon} year${filters.horizon === 1 ? '' : 's'}`}
          subtitle={`Annualised forgone (${usdFull(o.forecast.annualUsd)}) × years × (1 − expected rejoin share). Change the horizon (1–50 years) in the filters. USD.`}
          csvHref={csv('forecast')}
          table={o.forecast.table}
        >
          <ForecastChart table={o.forecast.table} />
          <p className="mt-1 text-xs text-slate-600">{o.forecast.assumption}</p>
        </ChartPanel>

        <ChartPanel
          id="winback"
          preparing={prepOutcomes}
          wide
          title="Win-back rate by campaign and variant, against the holdout"
          subtitle={`Won back ÷ assigned with 95% Wilson intervals (whiskers); grey = holdout. ${o.winback.campaignsInRange > CHART_CAMPAIGNS ? `The chart shows the ${CHART_CAMPAIGNS} most recent of ${o.winback.campaignsInRange} campaigns in the range; the table and CSV hold all, with the lift and its Newcombe 95% interval.` : 'The table and CSV add the rate per sent and the lift over the holdout with its Newcombe 95% interval.'}`}
          csvHref={csv('winback')}
          table={o.winback.table}
        >
          <WinbackChart table={recentCampaignRows(o.winback.table, CHART_CAMPAIGNS)} maxCampaigns={CHART_CAMPAIGNS} />
        </ChartPanel>

        <ChartPanel
          id="funnel"
          preparing={prepOutcomes}
          title="From dormant to rejoined"
          subtitle="Members assigned to a message in campaigns started in the range; shares are of those assigned."
          csvHref={csv('funnel')}
          table={o.funnel.table}
        >
          <FunnelChart table={o.funnel.table} />
        </ChartPanel>

        <ChartPanel
          id="rejoins"
          preparing={prepOutcomes}
          title="Rejoins after cancellation"
          subtitle="Share of cancelled members who rejoined within k months, over cohorts that have had the full k months."
          csvHref={csv('rejoins')}
          table={o.rejoins.table}
        >
          <RejoinChart table={o.rejoins.table} />
        </ChartPanel>
      </div>

      <Definitions policy={o.policy} />
    </>
  );
}
