import type { Part } from '@/db/metrics-refresh';
import type { DataTable } from '@/lib/domain/metrics/table';
import type { Overview } from './overview';

export const CHARTS = ['dormant', 'forgone', 'forecast', 'winback', 'funnel', 'rejoins'] as const;
export type ChartName = (typeof CHARTS)[number];

/** The table behind a chart: the chart, its screen-reader table and its CSV all show it. */
export function chartTable(model: Overview, chart: ChartName): DataTable {
  return {
    dormant: model.dormant.table,
    forgone: model.forgone.table,
    forecast: model.forecast.table,
    winback: model.winback.table,
    funnel: model.funnel.table,
    rejoins: model.rejoins.table,
  }[chart];
}

/** The aggregate a chart is drawn from; the dormant chart reads the daily scans, always there. */
export const CHART_PART: Record<ChartName, Extract<Part, 'outcomes'> | null> = {
  dormant: null,
  forgone: 'outcomes',
  forecast: 'outcomes',
  winback: 'outcomes',
  funnel: 'outcomes',
  rejoins: 'outcomes',
};
