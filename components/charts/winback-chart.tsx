'use client';
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DataTable } from '@/lib/domain/metrics/table';
import { EmptyChart } from './empty-chart';
import { AXIS_LABEL, AXIS_TICK, HOLDOUT_COLOUR, PALETTE, pct, rowsAsObjects } from './format';

type Point = { campaign: string; started: string; [k: string]: string | number | number[] | null };

/**
 * Win-back rate per campaign (x) with one bar per group — the holdout in grey, then each variant
 * by its key — and 95% Wilson intervals as whiskers.
 */
export function WinbackChart({ table, maxCampaigns }: { table: DataTable; maxCampaigns: number }) {
  const rows = rowsAsObjects(table).filter((r) => r.rate !== null);
  if (rows.length === 0) return <EmptyChart>No campaign with assigned members started in this range.</EmptyChart>;
  const names = [...new Set(rows.map((r) => String(r.campaign)))].slice(-maxCampaigns);
  const startedOf = new Map(rows.map((r) => [String(r.campaign), String(r.started)]));
  const groups = new Map<string, string>(); // series key → legend label
  // Campaign names are long; the axis shows each campaign's start day and the tooltip its name.
  const byCampaign = new Map<string, Point>(names.map((n) => [n, { campaign: n, started: startedOf.get(n) ?? n }]));
  for (const r of rows) {
    const p = byCampaign.get(String(r.campaign));
    if (!p) continue;
    const group = String(r.group);
    const key = group === 'Holdout' ? 'holdout' : group.split(':')[0] || group;
    groups.set(key, key === 'holdout' ? 'Holdout (not messaged)' : `Variant ${key}`);
    p[key] = Number(r.rate);
    p[`${key}_err`] = [Number(r.rate) - Number(r.low), Number(r.high) - Number(r.rate)];
    p[`${key}_text`] =
      `${group}: ${pct(Number(r.rate))} (95% CI ${pct(Number(r.low))}–${pct(Number(r.high))}; ${r.wonBack} of ${r.assigned})`;
  }
  const keys = [...groups.keys()].sort((a, b) => (a === 'holdout' ? -1 : b === 'holdout' ? 1 : a.localeCompare(b)));
  const data = [...byCampaign.values()];
  return (
    <div className="h-80" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 12 }} barCategoryGap="20%">
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="started"
            tick={AXIS_TICK}
            interval={0}
            label={{ value: 'Campaigns, by the day each started (UTC)', position: 'insideBottom', offset: -12, ...AXIS_LABEL }}
          />
          <YAxis
            tick={AXIS_TICK}
            tickFormatter={(v: number) => pct(v, 0)}
            width={56}
            domain={[0, 'auto']}
            label={{ value: 'Won back ÷ assigned', angle: -90, position: 'insideLeft', dy: 60, ...AXIS_LABEL }}
          />
          <Tooltip
            labelFormatter={(_l, payload) => String((payload?.[0]?.payload as Point | undefined)?.campaign ?? '')}
            formatter={(_v, name, item) => [String((item.payload as Point)[`${item.dataKey}_text`] ?? ''), name]}
          />
          <Legend verticalAlign="top" height={28} />
          {keys.map((k, i) => (
            <Bar
              key={k}
              dataKey={k}
              name={groups.get(k)}
              minPointSize={2}
              fill={k === 'holdout' ? HOLDOUT_COLOUR : PALETTE[(i - 1 + PALETTE.length) % PALETTE.length]}
              isAnimationActive={false}
            >
              <ErrorBar dataKey={`${k}_err`} width={5} stroke="#0f172a" strokeWidth={1.25} />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
