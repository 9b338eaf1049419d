// A percentage axis whose tick labels are exactly the gridlines' values. Recharts' automatic ticks
// on 0–10% fall at 2.5% steps; labelled with whole percents they read 0/3/5/8/10%, each label
// wrong by up to half a point. Steps here are 1, 2 or 5 times a power of ten (so 0.5%, 1%, 2%,
// 5%, 10%…), and labels carry as many decimals as the step needs.

const MULTIPLES = [1, 2, 5];

export type PercentAxis = { ticks: number[]; max: number; digits: number };

/** Ticks from 0 to at least `maxValue` (a fraction, e.g. 0.097), about `count` of them. */
export function percentAxis(maxValue: number, count = 6): PercentAxis {
  const top = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 0.01;
  const rough = top / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = (MULTIPLES.map((m) => m * power).find((s) => s >= rough) ?? 10 * power) as number;
  const n = Math.ceil(top / step - 1e-9);
  const ticks = Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  // Digits of the step in percent: 0.005 → 0.5% → one decimal; 0.02 → 2% → none.
  const stepPct = Number((step * 100).toPrecision(12));
  const digits = Math.max(0, -Math.floor(Math.log10(stepPct) + 1e-9));
  return { ticks, max: ticks[ticks.length - 1] ?? step, digits };
}
