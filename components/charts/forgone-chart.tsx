'use client';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DataTable } from '@/lib/domain/metrics/table';
import { EmptyChart } from './empty-chart';
import { AXIS_LABEL, AXIS_TICK, rowsAsObjects, usdCompact, usdFull } from './format';

/** Forgone revenue per month (bars, left axis) and cumulative since the first batch (line, right axis). */
export function ForgoneChart({ table }: { table: DataTable }) {
  const data = rowsAsObjects(table);
  if (!data.some((d) => Number(d.cumulative) > 0))
    return <EmptyChart>No member has been cancelled by Rekindle in this range, so no revenue is forgone yet.</EmptyChart>;
  return (
    <div className="h-72" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 20, bottom: 20, left: 12 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="month"
            tick={AXIS_TICK}
            minTickGap={24}
            label={{ value: 'Month (UTC)', position: 'insideBottom', offset: -12, ...AXIS_LABEL }}
          />
          <YAxis
            yAxisId="m"
            tick={AXIS_TICK}
            tickFormatter={usdCompact}
            width={64}
            label={{ value: 'Per month (USD)', angle: -90, position: 'insideLeft', dy: 50, ...AXIS_LABEL }}
          />
          <YAxis
            yAxisId="c"
            orientation="right"
            tick={AXIS_TICK}
            tickFormatter={usdCompact}
            width={64}
            label={{ value: 'Cumulative (USD)', angle: 90, position: 'right', dy: -10, ...AXIS_LABEL }}
          />
          <Tooltip formatter={(v) => usdFull(Number(v))} />
          <Legend verticalAlign="top" />
          <Bar yAxisId="m" dataKey="forgone" name="Forgone that month" fill="#ea580c" isAnimationActive={false} />
          <Bar
            yAxisId="m"
            dataKey="ownAmount"
            name="Left at own request that month (not forgone)"
            fill="#94a3b8"
            isAnimationActive={false}
          />
          <Line
            yAxisId="c"
            dataKey="cumulative"
            name="Cumulative since first batch"
            stroke="#1e293b"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
