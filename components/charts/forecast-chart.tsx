'use client';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DataTable } from '@/lib/domain/metrics/table';
import { EmptyChart } from './empty-chart';
import { AXIS_LABEL, AXIS_TICK, rowsAsObjects, usdCompact, usdFull } from './format';

/** Cumulative forgone revenue forecast over the chosen horizon, with and without expected rejoins. */
/** The rejoin assumption is stated under the chart by the page (server-rendered, read without JS). */
export function ForecastChart({ table }: { table: DataTable }) {
  const data = rowsAsObjects(table);
  if (!data.some((d) => Number(d.gross) > 0))
    return <EmptyChart>Nothing to forecast: no revenue is forgone this month.</EmptyChart>;
  return (
    <div>
      <div className="h-64" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 20, left: 12 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis
              dataKey="year"
              tick={AXIS_TICK}
              label={{ value: 'Years from now', position: 'insideBottom', offset: -12, ...AXIS_LABEL }}
            />
            <YAxis
              tick={AXIS_TICK}
              tickFormatter={usdCompact}
              width={64}
              label={{ value: 'Cumulative (USD)', angle: -90, position: 'insideLeft', dy: 50, ...AXIS_LABEL }}
            />
            <Tooltip formatter={(v) => usdFull(Number(v))} labelFormatter={(y) => `After ${y} year${y === 1 ? '' : 's'}`} />
            <Legend verticalAlign="top" />
            <Line
              dataKey="expected"
              name="Net of expected rejoins"
              stroke="#ea580c"
              strokeWidth={2.5}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="gross"
              name="Without rejoins"
              stroke="#64748b"
              strokeDasharray="6 4"
              strokeWidth={1.5}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
