'use client';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AT_RISK_KEY } from '@/lib/domain/metrics/overview-dormant';
import type { DataTable } from '@/lib/domain/metrics/table';
import { EmptyChart } from './empty-chart';
import { AXIS_LABEL, AXIS_TICK, intCompact, intFull, PALETTE, REASON_COLOURS, rowsAsObjects } from './format';

const RISK_COLOUR = '#b45309';

/**
 * Dormant members over time, stacked by reason, country or plan; at-risk active members as a dashed
 * line on an axis of its own (right, in the line's colour): at-risk members outnumber the dormant ones
 * many times over, and on one shared axis the dormant areas would lie flat at its foot.
 */
export function DormantChart({ table, series }: { table: DataTable; series: { key: string; label: string }[] }) {
  if (table.rows.length === 0)
    return <EmptyChart>No daily dormant counts in this range yet. They appear after the first dormancy scan.</EmptyChart>;
  const data = rowsAsObjects(table);
  const scoredDays = data.filter((d) => d[AT_RISK_KEY] != null).length;
  const withRisk = table.columns.some((c) => c.key === AT_RISK_KEY);
  return (
    <div className="h-72" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          accessibilityLayer={false}
          data={data}
          margin={{ top: 8, right: withRisk ? 12 : 16, bottom: 20, left: 12 }}
        >
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="day"
            tick={AXIS_TICK}
            minTickGap={40}
            tickFormatter={(d: string) => d.slice(0, 7)}
            label={{ value: 'Day (UTC)', position: 'insideBottom', offset: -12, ...AXIS_LABEL }}
          />
          <YAxis
            yAxisId="dormant"
            tick={AXIS_TICK}
            tickFormatter={intCompact}
            width={56}
            label={{ value: 'Dormant members', angle: -90, position: 'insideLeft', offset: 0, dy: 60, ...AXIS_LABEL }}
          />
          {withRisk ? (
            <YAxis
              yAxisId="risk"
              orientation="right"
              tick={{ ...AXIS_TICK, fill: RISK_COLOUR }}
              stroke={RISK_COLOUR}
              tickFormatter={intCompact}
              width={56}
              label={{
                value: 'At risk (active)',
                angle: 90,
                position: 'insideRight',
                offset: 0,
                dy: -50,
                ...AXIS_LABEL,
                fill: RISK_COLOUR,
              }}
            />
          ) : null}
          <Tooltip formatter={(v) => intFull(Number(v))} labelFormatter={(d) => `Day ${d}`} />
          <Legend verticalAlign="top" />
          {series.map((s, i) => {
            const colour = REASON_COLOURS[s.key] ?? PALETTE[i % PALETTE.length];
            return (
              <Area
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                yAxisId="dormant"
                stackId="1"
                stroke={colour}
                fill={colour}
                fillOpacity={0.55}
                isAnimationActive={false}
              />
            );
          })}
          {withRisk ? (
            <Line
              yAxisId="risk"
              type="monotone"
              dataKey={AT_RISK_KEY}
              name="At risk (active, high or medium; right axis)"
              stroke={RISK_COLOUR}
              strokeWidth={2}
              strokeDasharray="6 3"
              // A day or two of scores would be an invisible line without its dots.
              dot={scoredDays < 3 ? { r: 3 } : false}
              connectNulls
              isAnimationActive={false}
            />
          ) : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
