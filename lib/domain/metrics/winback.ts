import { type Interval, newcombeDifference, wilson } from '@/lib/domain/stats/proportions';

/**
 * Campaign outcomes of one group (a variant, or the holdout: variantId 0) and one country/plan,
 * counted per member. `assigned` excludes members the campaign excluded before assignment.
 */
export type OutcomeRow = {
  campaignId: number;
  variantId: number;
  assigned: number;
  sent: number;
  wonBack: number;
  wonBackSent: number;
  cancelled: number;
  /** Answered "cancel now" on the keep page: cancelled at their own request, never in a batch. */
  choseToLeave?: number;
  rejoined: number;
};

export type GroupRate = {
  assigned: number;
  wonBack: number;
  /** DOMAIN "Win-back rate" = won back ÷ assigned (intention to treat). Null when nobody was assigned. */
  rate: number | null;
  ci: Interval | null;
  sent: number;
  wonBackSent: number;
  /** Won back ÷ sent, shown beside the main rate and labelled as such. */
  ratePerSent: number | null;
};

export function groupRate(rows: readonly OutcomeRow[]): GroupRate {
  let assigned = 0;
  let wonBack = 0;
  let sent = 0;
  let wonBackSent = 0;
  for (const r of rows) {
    assigned += r.assigned;
    wonBack += r.wonBack;
    sent += r.sent;
    wonBackSent += r.wonBackSent;
  }
  return {
    assigned,
    wonBack,
    rate: assigned > 0 ? wonBack / assigned : null,
    ci: assigned > 0 ? wilson(wonBack, assigned) : null,
    sent,
    wonBackSent,
    ratePerSent: sent > 0 ? wonBackSent / sent : null,
  };
}

export type VariantResult = GroupRate & {
  variantId: number;
  /** DOMAIN "Lift" = variant rate − holdout rate, 95% CI by Newcombe's method from Wilson intervals. */
  lift: { difference: number; low: number; high: number } | null;
};

export type CampaignResult = { campaignId: number; holdout: GroupRate; variants: VariantResult[] };

export function winbackByCampaign(rows: readonly OutcomeRow[]): CampaignResult[] {
  const byCampaign = new Map<number, OutcomeRow[]>();
  for (const r of rows) {
    const list = byCampaign.get(r.campaignId) ?? [];
    list.push(r);
    byCampaign.set(r.campaignId, list);
  }
  const out: CampaignResult[] = [];
  for (const [campaignId, list] of [...byCampaign].sort((a, b) => a[0] - b[0])) {
    const holdout = groupRate(list.filter((r) => r.variantId === 0));
    const ids = [...new Set(list.filter((r) => r.variantId !== 0).map((r) => r.variantId))].sort((a, b) => a - b);
    const variants = ids.map((variantId) => {
      const g = groupRate(list.filter((r) => r.variantId === variantId));
      const lift = newcombeDifference(g.wonBack, g.assigned, holdout.wonBack, holdout.assigned) ?? null;
      return { ...g, variantId, lift };
    });
    out.push({ campaignId, holdout, variants });
  }
  return out;
}

export type FunnelStage = { key: string; label: string; count: number };

/**
 * The funnel of members a campaign messaged (variants only; the holdout is never messaged):
 * assigned dormant → messaged (sent) → won back (confirmed or reactivated) → cancelled in an
 * executed batch → rejoined within the retention window. Won back and cancelled are the two
 * branches after messaging, so each stage is shown against the first, not the previous.
 */
export function funnel(rows: readonly OutcomeRow[]): FunnelStage[] {
  const t = { assigned: 0, sent: 0, wonBack: 0, choseToLeave: 0, cancelled: 0, rejoined: 0 };
  for (const r of rows) {
    if (r.variantId === 0) continue;
    t.assigned += r.assigned;
    t.sent += r.sent;
    t.wonBack += r.wonBack;
    t.cancelled += r.cancelled;
    t.choseToLeave += r.choseToLeave ?? 0;
    t.rejoined += r.rejoined;
  }
  return [
    { key: 'dormant', label: 'Dormant, assigned to a message', count: t.assigned },
    { key: 'messaged', label: 'Messaged (sent)', count: t.sent },
    { key: 'won_back', label: 'Won back (confirmed or reactivated)', count: t.wonBack },
    { key: 'chose_to_leave', label: 'Chose to leave (cancelled at own request, not in a batch)', count: t.choseToLeave },
    { key: 'cancelled', label: 'Cancelled in a batch', count: t.cancelled },
    { key: 'rejoined', label: 'Rejoined after cancellation', count: t.rejoined },
  ];
}
