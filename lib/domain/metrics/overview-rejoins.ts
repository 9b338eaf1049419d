import { type CancellationRow, type RejoinShare, rejoinRateByMonth } from './cancellations';
import { forecast } from './forecast';
import type { DataTable } from './table';

export const REJOIN_MONTHS = 12;

/** Rejoin rate within k months, k = 1..REJOIN_MONTHS, over cohorts that have had the full k months. */
export function rejoinTable(cancellations: CancellationRow[], today: string): DataTable {
  const points = rejoinRateByMonth(cancellations, today, REJOIN_MONTHS);
  return {
    columns: [
      { key: 'k', label: 'Months since cancellation', format: 'int' },
      { key: 'cohort', label: 'Cancelled at least that long ago', format: 'int' },
      { key: 'rejoined', label: 'Rejoined within that time', format: 'int' },
      { key: 'rate', label: 'Rejoin rate', format: 'pct' },
    ],
    rows: points.map((p) => [p.k, p.cohort, p.rejoined, p.cohort > 0 ? p.rejoined / p.cohort : null]),
  };
}

/** Forecast forgone for each year up to `horizon`, net of the expected rejoin share and without it. */
export function forecastTable(annualUsd: number, horizon: number, share: RejoinShare): DataTable {
  const fc = forecast(BigInt(annualUsd), horizon, share);
  return {
    columns: [
      { key: 'year', label: 'Years ahead', format: 'int' },
      { key: 'expected', label: 'Forecast forgone, net of expected rejoins', format: 'money' },
      { key: 'gross', label: 'Forecast forgone, without rejoins', format: 'money' },
    ],
    rows: fc.map((p) => [p.year, Number(p.expected), Number(p.withoutRejoins)]),
  };
}

/** Members ever cancelled by Rekindle, and how many of them rejoined within the retention window. */
export function cancelledAndRejoined(cancellations: CancellationRow[]) {
  let cancelledEver = 0;
  let rejoinedEver = 0;
  for (const c of cancellations) {
    cancelledEver += c.n;
    if (c.rejoinDay !== null) rejoinedEver += c.n;
  }
  return { cancelledEver, rejoinedEver };
}

/** The sentence stated on the forecast chart. */
export function rejoinAssumption(s: RejoinShare): string {
  const pct = s.cohort > 0 ? `${((100 * s.rejoined) / s.cohort).toFixed(1)}%` : '0%';
  const counts = `${s.rejoined.toLocaleString('en-US')} of ${s.cohort.toLocaleString('en-US')}`;
  switch (s.basis.kind) {
    case 'retention-closed':
      return `Assumes ${pct} of cancelled members rejoin: observed among members cancelled at least ${s.basis.retentionDays} days ago, whose rejoin window has closed (${counts}).`;
    case 'month':
      return `Assumes ${pct} of cancelled members rejoin: the rejoin rate within ${s.basis.k} months, the longest span observed so far (${counts}); no rejoin window has closed yet.`;
    default:
      return 'Assumes no rejoins: no cancelled member has been cancelled long enough to observe one.';
  }
}
