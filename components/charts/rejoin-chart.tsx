'use client';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percentAxis } from '@/lib/domain/metrics/percent-axis';
import type { DataTable } from '@/lib/domain/metrics/table';
import { EmptyChart } from './empty-chart';
import { AXIS_LABEL, AXIS_TICK, pct, rowsAsObjects } from './format';

type Row = Record<string, string | number | null>;

/** Rejoin rate by months since cancellation, over full cohorts only. */
export function RejoinChart({ table }: { table: DataTable }) {
  const data = rowsAsObjects(table).filter((r) => r.rate !== null);
  if (data.length === 0) return <EmptyChart>No cancelled cohort has had a full month yet.</EmptyChart>;
  const axis = percentAxis(Math.max(...data.map((r) => Number(r.rate))));
  return (
    <div className="h-64" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 20, right: 16, bottom: 20, left: 12 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="k"
            tick={AXIS_TICK}
            label={{ value: 'Months since cancellation', position: 'insideBottom', offset: -12, ...AXIS_LABEL }}
          />
          <YAxis
            tick={AXIS_TICK}
            ticks={axis.ticks}
            domain={[0, axis.max]}
            tickFormatter={(v: number) => pct(v, axis.digits)}
            width={56}
            label={{ value: 'Rejoined within k months', angle: -90, position: 'insideLeft', dy: 70, ...AXIS_LABEL }}
          />
          <Tooltip
            labelFormatter={(k) => `Within ${k} month${k === 1 ? '' : 's'}`}
            formatter={(v, _n, item) => {
              const p = item.payload as Row;
              return [`${pct(Number(v))} (${p.rejoined} of ${p.cohort})`, 'Rejoin rate'];
            }}
          />
          <Bar dataKey="rate" name="Rejoin rate" fill="#16a34a" isAnimationActive={false}>
            <LabelList dataKey="rate" position="top" formatter={(v) => pct(Number(v))} style={AXIS_TICK} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
