'use client';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DataTable } from '@/lib/domain/metrics/table';
import { EmptyChart } from './empty-chart';
import { AXIS_TICK, intCompact, intFull, pct, rowsAsObjects } from './format';

const COLOURS = ['#64748b', '#2563eb', '#16a34a', '#dc2626', '#9333ea'];

/** Dormant → messaged → won back / cancelled → rejoined, as horizontal bars with the share of the first stage. */
export function FunnelChart({ table }: { table: DataTable }) {
  const data = rowsAsObjects(table).map(
    (r): Record<string, string | number | null> => ({
      ...r,
      text: `${intFull(Number(r.members))}${r.share === null ? '' : ` · ${pct(Number(r.share), 0)}`}`,
    }),
  );
  if (!data[0] || Number(data[0].members) === 0)
    return <EmptyChart>No member was assigned to a campaign message in this range.</EmptyChart>;
  return (
    <div className="h-64" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 96, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tick={AXIS_TICK} tickFormatter={intCompact} />
          <YAxis type="category" dataKey="stage" tick={{ ...AXIS_TICK, fontSize: 11 }} width={200} />
          <Tooltip formatter={(v) => intFull(Number(v))} />
          <Bar dataKey="members" name="Members" isAnimationActive={false}>
            {data.map((d, i) => (
              <Cell key={String(d.stage)} fill={COLOURS[i % COLOURS.length]} />
            ))}
            <LabelList dataKey="text" position="right" style={{ fontSize: 12, fill: '#0f172a' }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
