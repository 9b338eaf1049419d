import { z } from 'zod';
import { addMonthsToMonth } from './days';

export const BREAKDOWNS = ['reason', 'country', 'plan'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export type OverviewFilters = {
  from: string; // YYYY-MM, inclusive
  to: string; // YYYY-MM, inclusive
  country: string | null;
  plan: string | null;
  by: Breakdown;
  horizon: number; // years, 1..50
};

export const DEFAULT_HORIZON = 10;
export const MAX_HORIZON = 50;
/** The charts cover at most this many months (the backfill holds 24; older data is summarised). */
export const MAX_RANGE_MONTHS = 120;

type Raw = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const shape = z.object({
  from: month.optional().catch(undefined),
  to: month.optional().catch(undefined),
  country: z.string().max(8).optional().catch(undefined),
  plan: z.string().max(40).optional().catch(undefined),
  by: z.enum(BREAKDOWNS).optional().catch(undefined),
  horizon: z.coerce.number().int().min(1).max(MAX_HORIZON).optional().catch(undefined),
});

export function defaultRange(today: string): { from: string; to: string } {
  const to = today.slice(0, 7);
  return { from: addMonthsToMonth(to, -23), to };
}

/**
 * Reads the overview's URL into filters. Anything wrong is replaced by its default and explained
 * in a message, so a bad link still renders the page (and says what was ignored).
 */
export function parseOverviewFilters(
  raw: Raw,
  ctx: { today: string; countries: readonly string[]; plans: readonly string[] },
): { filters: OverviewFilters; messages: string[] } {
  const messages: string[] = [];
  const input = {
    from: first(raw.from),
    to: first(raw.to),
    country: first(raw.country),
    plan: first(raw.plan),
    by: first(raw.by),
    horizon: first(raw.horizon),
  };
  const p = shape.parse(input);
  const def = defaultRange(ctx.today);
  const thisMonth = def.to;

  if (input.from && !p.from) messages.push(`“${input.from}” is not a month (use YYYY-MM); the range starts ${def.from}.`);
  if (input.to && !p.to) messages.push(`“${input.to}” is not a month (use YYYY-MM); the range ends ${def.to}.`);
  let from = p.from ?? def.from;
  let to = p.to ?? def.to;
  if (from > to) {
    messages.push(`The start month ${from} was after the end month ${to}; they were swapped.`);
    [from, to] = [to, from];
  }
  if (to > thisMonth) {
    messages.push(`There is no data after ${thisMonth}; the range ends ${thisMonth}.`);
    to = thisMonth;
    if (from > to) from = def.from;
  }
  const earliest = addMonthsToMonth(to, -(MAX_RANGE_MONTHS - 1));
  if (from < earliest) {
    messages.push(`The range is limited to ${MAX_RANGE_MONTHS / 12} years; it starts ${earliest}.`);
    from = earliest;
  }

  let country: string | null = null;
  if (input.country) {
    const upper = input.country.toUpperCase();
    if (ctx.countries.includes(upper)) country = upper;
    else messages.push(`Unknown country “${input.country}”; showing all countries.`);
  }
  let plan: string | null = null;
  if (input.plan) {
    if (ctx.plans.includes(input.plan)) plan = input.plan;
    else messages.push(`Unknown plan “${input.plan}”; showing all plans.`);
  }
  if (input.by && !p.by) messages.push(`Unknown breakdown “${input.by}”; showing dormant members by reason.`);
  if (input.horizon && !p.horizon)
    messages.push(`The forecast horizon must be a whole number of years from 1 to ${MAX_HORIZON}; showing ${DEFAULT_HORIZON}.`);

  return {
    filters: { from, to, country, plan, by: p.by ?? 'reason', horizon: p.horizon ?? DEFAULT_HORIZON },
    messages,
  };
}

/** The filters as URL search params (defaults left out, so links stay short). */
export function filtersToSearch(f: OverviewFilters, overrides: Partial<OverviewFilters> = {}): string {
  const v = { ...f, ...overrides };
  const q = new URLSearchParams();
  q.set('from', v.from);
  q.set('to', v.to);
  if (v.country) q.set('country', v.country);
  if (v.plan) q.set('plan', v.plan);
  if (v.by !== 'reason') q.set('by', v.by);
  if (v.horizon !== DEFAULT_HORIZON) q.set('horizon', String(v.horizon));
  return q.toString();
}

// --- simulator inputs ---

export type SimulatorInput = { neverWatchedDays: number; inactiveDays: number; offerSharePct: number; upliftBp: number };

const days = z.coerce.number().int().min(30).max(3650);
const simShape = {
  neverWatchedDays: days,
  inactiveDays: days,
  offerSharePct: z.coerce.number().int().min(0).max(100),
  // Percentage points with at most two decimals, kept as basis points.
  upliftPct: z.coerce.number().min(0).max(100),
};
const simLabels = {
  neverWatchedDays: 'Never-watched days must be a whole number from 30 to 3650',
  inactiveDays: 'Inactive days must be a whole number from 30 to 3650',
  offerSharePct: 'The share offered a free month must be a whole percent from 0 to 100',
  upliftPct: 'The expected uplift must be a number of percentage points from 0 to 100',
};

/**
 * Reads the simulator's URL. Missing values take the current policy (no offer); a bad value is
 * replaced the same way and named in a message.
 */
export function parseSimulatorInput(
  raw: Raw,
  current: { neverWatchedDays: number; inactiveDays: number },
): { input: SimulatorInput; messages: string[]; changed: boolean } {
  const messages: string[] = [];
  const out: SimulatorInput = { ...current, offerSharePct: 0, upliftBp: 0 };
  let changed = false;
  for (const key of Object.keys(simShape) as (keyof typeof simShape)[]) {
    const v = first(raw[key]);
    if (v === undefined) continue;
    const r = simShape[key].safeParse(v);
    if (!r.success || !Number.isFinite(r.data)) {
      messages.push(`${simLabels[key]} (“${v.slice(0, 20)}” was ignored).`);
      continue;
    }
    changed = true;
    if (key === 'upliftPct') out.upliftBp = Math.round(r.data * 100);
    else out[key] = r.data;
  }
  return { input: out, messages, changed };
}
