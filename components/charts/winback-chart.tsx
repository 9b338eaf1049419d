'use client';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percentAxis } from '@/lib/domain/metrics/percent-axis';
import type { DataTable } from '@/lib/domain/metrics/table';
import { EmptyChart } from './empty-chart';
import { AXIS_LABEL, AXIS_TICK, HOLDOUT_COLOUR, PALETTE, pct, rowsAsObjects } from './format';

type Row = { label: string; campaign: string; group: string; rate: number; text: string; tip: string; colour: string };
const ROW_PX = 26;

/**
 * Win-back rate per campaign and group, one horizontal bar each: the holdout first (dark grey),
 * then each variant. Small campaigns have rates of 0 and intervals to 80%, so each bar is labelled
 * with its count ("3 of 40") rather than drawn with whiskers; the 95% intervals are in the tooltip
 * and the table below.
 */
export function WinbackChart({ table, maxCampaigns }: { table: DataTable; maxCampaigns: number }) {
  const rows = rowsAsObjects(table).filter((r) => r.rate !== null);
  if (rows.length === 0) return <EmptyChart>No campaign with assigned members started in this range.</EmptyChart>;
  const names = [...new Set(rows.map((r) => String(r.campaign)))].slice(-maxCampaigns);
  const data: Row[] = [];
  for (const name of names.reverse()) {
    const groups = rows
      .filter((r) => String(r.campaign) === name)
      .sort((a, b) => (a.group === 'Holdout' ? -1 : b.group === 'Holdout' ? 1 : String(a.group).localeCompare(String(b.group))));
    groups.forEach((r, i) => {
      const group = String(r.group);
      const holdout = group === 'Holdout';
      const key = holdout ? 'Holdout' : `Variant ${group.split(':')[0] || group}`;
      const rate = Number(r.rate);
      data.push({
        label: i === 0 ? `${r.started} · ${key}` : key,
        campaign: name,
        group,
        rate,
        text: `${pct(rate)} · ${r.wonBack} of ${r.assigned}`,
        tip: `${pct(rate)} won back (${r.wonBack} of ${r.assigned}; 95% CI ${pct(Number(r.low))}–${pct(Number(r.high))})`,
        colour: holdout ? HOLDOUT_COLOUR : (PALETTE[(i - 1 + PALETTE.length) % PALETTE.length] as string),
      });
    });
  }
  // Headroom for the count labels, but a rate never goes past 100%.
  const axis = percentAxis(Math.min(1, Math.max(...data.map((d) => d.rate)) * 1.25));
  return (
    <div style={{ height: 56 + data.length * ROW_PX }} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 24, left: 8 }} barCategoryGap={4}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis
            type="number"
            ticks={axis.ticks}
            domain={[0, axis.max]}
            tick={AXIS_TICK}
            tickFormatter={(v: number) => pct(v, axis.digits)}
            label={{ value: 'Won back ÷ assigned', position: 'insideBottom', offset: -14, ...AXIS_LABEL }}
          />
          <YAxis type="category" dataKey="label" tick={AXIS_TICK} width={170} interval={0} />
          <Tooltip
            labelFormatter={(_l, payload) => {
              const p = payload?.[0]?.payload as Row | undefined;
              return p ? `${p.campaign} — ${p.group}` : '';
            }}
            formatter={(_v, _n, item) => [(item.payload as Row).tip, 'Win-back']}
          />
          <Bar dataKey="rate" name="Win-back rate" minPointSize={2} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={`${d.campaign}|${d.group}`} fill={d.colour} />
            ))}
            <LabelList dataKey="text" position="right" style={{ ...AXIS_TICK, fill: '#0f172a' }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
