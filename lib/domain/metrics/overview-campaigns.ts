import { addDays, dayOf, dayStartMs, lastDayOfMonth } from './days';
import type { DataTable } from './table';
import { type CampaignResult, funnel, groupRate, type OutcomeRow, winbackByCampaign } from './winback';

export type CampaignMeta = {
  id: number;
  name: string;
  sendStartedAt: number | null;
  deadlineAt: number | null;
  createdAt: number;
  /** An always-on campaign's cohort: the always-on campaign it belongs to. */
  parentCampaignId?: number | null;
};
export type VariantMeta = { id: number; campaignId: number; key: string; name: string };

export const WINBACK_WINDOW_DAYS = 90;
export const CHART_CAMPAIGNS = 6;

const started = (c: CampaignMeta) => c.sendStartedAt ?? c.createdAt;

/** Campaigns that started (sending, or were created) in the months from..to, and their outcome rows. */
export function campaignsStartedIn(campaigns: CampaignMeta[], outcomes: OutcomeRow[], from: string, to: string) {
  const rangeStart = dayStartMs(`${from}-01`);
  const rangeEnd = dayStartMs(addDays(lastDayOfMonth(to), 1));
  const inRange = campaigns.filter((c) => started(c) >= rangeStart && started(c) < rangeEnd);
  const ids = new Set(inRange.map((c) => c.id));
  return { campaigns: inRange, outcomes: outcomes.filter((o) => ids.has(o.campaignId)) };
}

const WINBACK_COLUMNS: DataTable['columns'] = [
  { key: 'campaign', label: 'Campaign', format: 'text' },
  { key: 'started', label: 'Started', format: 'text' },
  { key: 'group', label: 'Group', format: 'text' },
  { key: 'assigned', label: 'Assigned', format: 'int' },
  { key: 'wonBack', label: 'Won back', format: 'int' },
  { key: 'rate', label: 'Win-back rate', format: 'pct' },
  { key: 'low', label: '95% CI low', format: 'pct' },
  { key: 'high', label: '95% CI high', format: 'pct' },
  { key: 'perSent', label: 'Win-back rate per sent', format: 'pct' },
  { key: 'lift', label: 'Lift vs holdout', format: 'pct' },
  { key: 'liftLow', label: 'Lift 95% CI low', format: 'pct' },
  { key: 'liftHigh', label: 'Lift 95% CI high', format: 'pct' },
];

/** One campaign's rows: its holdout first, then each variant with its rate per sent and lift. */
function winbackRowsOf(c: CampaignMeta, r: CampaignResult, variantName: Map<number, string>): DataTable['rows'] {
  const day = dayOf(started(c));
  const h = r.holdout;
  return [
    [c.name, day, 'Holdout', h.assigned, h.wonBack, h.rate, h.ci?.low ?? null, h.ci?.high ?? null, null, null, null, null],
    ...r.variants.map((v) => [
      c.name,
      day,
      variantName.get(v.variantId) ?? `Variant ${v.variantId}`,
      v.assigned,
      v.wonBack,
      v.rate,
      v.ci?.low ?? null,
      v.ci?.high ?? null,
      v.ratePerSent,
      v.lift?.difference ?? null,
      v.lift?.low ?? null,
      v.lift?.high ?? null,
    ]),
  ];
}

/** Win-back by campaign and variant against the holdout, for the campaigns in range. */
export function winbackTable(campaigns: CampaignMeta[], outcomes: OutcomeRow[], variants: VariantMeta[]): DataTable {
  const byCampaign = new Map(winbackByCampaign(outcomes).map((r) => [r.campaignId, r]));
  const variantName = new Map(variants.map((v) => [v.id, `${v.key}: ${v.name}`]));
  const rows: DataTable['rows'] = [];
  for (const c of campaigns) {
    const r = byCampaign.get(c.id);
    if (r) rows.push(...winbackRowsOf(c, r, variantName));
  }
  return { columns: WINBACK_COLUMNS, rows };
}

/** From assigned to rejoined, with each stage's share of those assigned. */
export function funnelTable(outcomes: OutcomeRow[]): DataTable {
  const stages = funnel(outcomes);
  const top = stages[0]?.count ?? 0;
  return {
    columns: [
      { key: 'stage', label: 'Stage', format: 'text' },
      { key: 'members', label: 'Members', format: 'int' },
      { key: 'share', label: 'Share of those assigned', format: 'pct' },
    ],
    rows: stages.map((s) => [s.label, s.count, top > 0 ? s.count / top : null]),
  };
}

/** Win-back over the last 90 days: campaigns whose response deadline passed in that window (final outcomes). */
export function winbackLastDays(campaigns: CampaignMeta[], outcomes: OutcomeRow[], nowMs: number) {
  const windowStart = nowMs - WINBACK_WINDOW_DAYS * 86_400_000;
  const recentIds = new Set(
    campaigns.filter((c) => c.deadlineAt !== null && c.deadlineAt > windowStart && c.deadlineAt <= nowMs).map((c) => c.id),
  );
  const recent = outcomes.filter((o) => recentIds.has(o.campaignId));
  return {
    campaigns: recentIds.size,
    variants: groupRate(recent.filter((o) => o.variantId !== 0)),
    holdout: groupRate(recent.filter((o) => o.variantId === 0)),
  };
}
