'use client';
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DataTable } from '@/lib/metrics/table';
import { EmptyChart } from './empty-chart';
import { AXIS_LABEL, AXIS_TICK, HOLDOUT_COLOUR, PALETTE, pct, rowsAsObjects } from './format';

type Row = Record<string, string | number | null | number[]>;

/** Win-back rate of each variant and its holdout, with 95% Wilson intervals as whiskers. */
export function WinbackChart({ table, maxCampaigns }: { table: DataTable; maxCampaigns: number }) {
  const rows = rowsAsObjects(table).filter((r) => r.rate !== null);
  if (rows.length === 0) return <EmptyChart>No campaign with assigned members started in this range.</EmptyChart>;
  const names = [...new Set(rows.map((r) => String(r.campaign)))].slice(-maxCampaigns);
  const data = rows
    .filter((r) => names.includes(String(r.campaign)))
    .map((r): Row & { err: number[] } => ({
      ...r,
      label: `${String(r.campaign)} · ${String(r.group).split(':')[0]}`,
      err: [Number(r.rate) - Number(r.low), Number(r.high) - Number(r.rate)],
    }));
  const colourOf = (r: Row) =>
    r.group === 'Holdout' ? HOLDOUT_COLOUR : PALETTE[(String(r.group).charCodeAt(0) - 65 + PALETTE.length) % PALETTE.length];
  return (
    <div className="h-80" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 64, left: 12 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ ...AXIS_TICK, fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={70} />
          <YAxis
            tick={AXIS_TICK}
            tickFormatter={(v: number) => pct(v, 0)}
            width={56}
            domain={[0, 'auto']}
            label={{ value: 'Won back ÷ assigned', angle: -90, position: 'insideLeft', dy: 60, ...AXIS_LABEL }}
          />
          <Tooltip
            formatter={(v, _n, item) => {
              const p = item.payload as Row;
              return [
                `${pct(Number(v))} (95% CI ${pct(Number(p.low))}–${pct(Number(p.high))}; ${p.wonBack} of ${p.assigned})`,
                'Win-back rate',
              ];
            }}
          />
          <Bar dataKey="rate" name="Win-back rate" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={String(d.label)} fill={colourOf(d)} />
            ))}
            <ErrorBar dataKey="err" width={6} stroke="#0f172a" strokeWidth={1.5} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
