import type { CampaignMeta, VariantMeta } from './overview-campaigns';
import type { OutcomeRow } from './winback';

// An always-on campaign's daily cohorts are campaigns of their own (decision 024); the overview's
// win-back table shows them as one line per always-on campaign and variant, the cohort detail being
// on the campaign page.

const COUNTS = ['assigned', 'sent', 'wonBack', 'wonBackSent', 'cancelled', 'rejoined', 'choseToLeave'] as const;

/**
 * Cohorts folded into their always-on campaign: outcome counts summed across cohorts, variant by
 * variant key (each cohort copies the definition's variants), holdout with holdout, so rates are
 * worked out from the sums, never averaged (as the campaign page's total). The always-on campaign
 * takes the place of its first cohort in `campaigns`, started when that cohort started; `all` is
 * every campaign, so a definition started before the range is still found.
 */
export function groupCohorts(
  campaigns: readonly CampaignMeta[],
  outcomes: readonly OutcomeRow[],
  all: readonly CampaignMeta[],
  variants: readonly VariantMeta[],
): { campaigns: CampaignMeta[]; outcomes: OutcomeRow[] } {
  const byId = new Map(all.map((c) => [c.id, c]));
  // A definition with cohorts is shown through them (its line takes its first cohort's place), never
  // as a campaign of its own: started in the range itself, it would be a second, identical line.
  const withCohorts = new Set(
    all.flatMap((c) => (c.parentCampaignId != null && byId.has(c.parentCampaignId) ? [c.parentCampaignId] : [])),
  );
  const parentOf = new Map<number, number>();
  for (const c of campaigns)
    if (c.parentCampaignId != null && byId.has(c.parentCampaignId)) parentOf.set(c.id, c.parentCampaignId);

  const variantKey = new Map(variants.map((v) => [v.id, v.key]));
  const parentVariant = new Map(variants.map((v) => [`${v.campaignId}|${v.key}`, v.id]));
  const cohorts = new Map<number, number>();
  const grouped: CampaignMeta[] = [];
  for (const c of campaigns) {
    const parentId = parentOf.get(c.id);
    if (withCohorts.has(c.id)) continue;
    if (parentId === undefined) grouped.push(c);
    else {
      const n = cohorts.get(parentId) ?? 0;
      cohorts.set(parentId, n + 1);
      const parent = byId.get(parentId) as CampaignMeta;
      if (n === 0) grouped.push({ ...parent, sendStartedAt: c.sendStartedAt, createdAt: c.createdAt, parentCampaignId: null });
    }
  }
  const named = grouped.map((c) =>
    cohorts.has(c.id)
      ? { ...c, name: `${c.name} (always-on, ${cohorts.get(c.id)} ${cohorts.get(c.id) === 1 ? 'cohort' : 'cohorts'})` }
      : c,
  );

  const sums = new Map<string, OutcomeRow>();
  for (const o of outcomes) {
    const parentId = parentOf.get(o.campaignId);
    const key = variantKey.get(o.variantId);
    const variantId =
      parentId === undefined || o.variantId === 0 ? o.variantId : (parentVariant.get(`${parentId}|${key}`) ?? o.variantId);
    const row = { ...o, campaignId: parentId ?? o.campaignId, variantId };
    const k = `${row.campaignId}|${row.variantId}`;
    const prev = sums.get(k);
    if (!prev) sums.set(k, row);
    else for (const f of COUNTS) prev[f] = (prev[f] ?? 0) + (row[f] ?? 0);
  }
  return { campaigns: named, outcomes: [...sums.values()] };
}
