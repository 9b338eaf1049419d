import type { ReactNode } from 'react';
import { recentCampaignRows, usdFull } from '@/components/charts/format';
import { DormantChart, ForecastChart, ForgoneChart, FunnelChart, RejoinChart, WinbackChart } from '@/components/charts/lazy';
import { filtersToSearch, type OverviewFilters } from '@/lib/domain/metrics/filters';
import { CHART_CAMPAIGNS, type OverviewModel } from '@/lib/domain/metrics/overview';
import type { DataTable } from '@/lib/domain/metrics/table';
import { BreakdownNav } from './breakdown-nav';
import { ChartPanel } from './chart-panel';

type ChartSpec = {
  id: 'dormant' | 'forgone' | 'forecast' | 'winback' | 'funnel' | 'rejoins';
  title: string;
  subtitle: string;
  table: DataTable;
  chart: ReactNode;
  wide?: boolean;
  /** Drawn from the campaign and batch outcomes (else from the daily dormancy scans, always there). */
  fromOutcomes?: boolean;
  controls?: ReactNode;
};

const winbackSubtitle = (campaignsInRange: number) =>
  `Won back ÷ assigned, each bar labelled with its count; dark grey = holdout (not messaged). Hover a bar for its 95% Wilson interval. ${campaignsInRange > CHART_CAMPAIGNS ? `The chart shows the ${CHART_CAMPAIGNS} most recent of ${campaignsInRange} campaigns in the range; the table and CSV hold all, with the lift and its Newcombe 95% interval.` : 'The table and CSV add the rate per sent and the lift over the holdout with its Newcombe 95% interval.'}`;

/** The charts in the order shown, each with its title, what it shows and the table it is drawn from. */
function chartSpecs(o: OverviewModel, filters: OverviewFilters): ChartSpec[] {
  return [
    {
      id: 'dormant',
      wide: true,
      title: 'Dormant members over time',
      subtitle: `Members dormant on each day (${o.dormant.weekly ? 'one point a week: the latest scanned day of the week' : 'daily'}), from the daily dormancy scans. Dashed line, on the right-hand axis: active members scored at risk (high or medium) by the daily scoring.`,
      table: o.dormant.table,
      controls: <BreakdownNav filters={filters} />,
      chart: <DormantChart table={o.dormant.table} series={o.dormant.series} />,
    },
    {
      id: 'forgone',
      fromOutcomes: true,
      title: 'Forgone revenue per month',
      subtitle:
        'Monthly price of members cancelled by Rekindle who had not rejoined by the month’s end (bars), and the running total since the first batch (line). USD.',
      table: o.forgone.table,
      chart: <ForgoneChart table={o.forgone.table} />,
    },
    {
      id: 'forecast',
      fromOutcomes: true,
      title: `Forgone revenue forecast, ${filters.horizon} year${filters.horizon === 1 ? '' : 's'}`,
      subtitle: `Annualised forgone (${usdFull(o.forecast.annualUsd)}) × years × (1 − expected rejoin share). Change the horizon (1–50 years) in the filters. USD.`,
      table: o.forecast.table,
      chart: (
        <>
          <ForecastChart table={o.forecast.table} />
          <p className="mt-1 text-xs text-slate-600">{o.forecast.assumption}</p>
        </>
      ),
    },
    {
      id: 'winback',
      fromOutcomes: true,
      wide: true,
      title: 'Win-back rate by campaign and variant, against the holdout',
      subtitle: winbackSubtitle(o.winback.campaignsInRange),
      table: o.winback.table,
      chart: <WinbackChart table={recentCampaignRows(o.winback.table, CHART_CAMPAIGNS)} maxCampaigns={CHART_CAMPAIGNS} />,
    },
    {
      id: 'funnel',
      fromOutcomes: true,
      title: 'From dormant to rejoined',
      subtitle: 'Members assigned to a message in campaigns started in the range; shares are of those assigned.',
      table: o.funnel.table,
      chart: <FunnelChart table={o.funnel.table} />,
    },
    {
      id: 'rejoins',
      fromOutcomes: true,
      title: 'Rejoins after cancellation',
      subtitle:
        'Share of cancelled members who rejoined within k months. Each bar counts only the monthly cohorts that have had k full months, so a later bar covers fewer, older cohorts and can be lower than an earlier one.',
      table: o.rejoins.table,
      chart: <RejoinChart table={o.rejoins.table} />,
    },
  ];
}

/** The chart grid: each chart with its CSV download (of the same filters) and its table. */
export function OverviewCharts({
  model,
  filters,
  outcomesPreparing,
}: {
  model: OverviewModel;
  filters: OverviewFilters;
  outcomesPreparing: boolean;
}) {
  const q = filtersToSearch(filters);
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-2">
      {chartSpecs(model, filters).map((s) => (
        <ChartPanel
          key={s.id}
          id={s.id}
          wide={s.wide}
          preparing={s.fromOutcomes ? outcomesPreparing : undefined}
          title={s.title}
          subtitle={s.subtitle}
          csvHref={`/overview/csv/${s.id}?${q}`}
          table={s.table}
          controls={s.controls}
        >
          {s.chart}
        </ChartPanel>
      ))}
    </div>
  );
}
