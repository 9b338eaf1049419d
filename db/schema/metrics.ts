import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Pre-aggregated tables behind the executive overview (db/metrics-refresh.ts refreshes them), so a page
// view reads thousands of rows, never the millions in members or campaign_members.

/**
 * Not-cancelled members by whole UTC days since their last view (watched = 1) or, for those who
 * never watched, since they joined (watched = 0), counted from the snapshot day in metrics_refresh.
 * Days are capped at 3660 (the simulator's thresholds stop at 3650). The simulator sums it.
 */
export const metricsMemberHistogram = sqliteTable(
  'metrics_member_histogram',
  {
    country: text('country').notNull(),
    plan: text('plan').notNull(),
    currency: text('currency').notNull(),
    watched: integer('watched').notNull(),
    days: integer('days').notNull(),
    inCampaign: integer('in_campaign').notNull(), // status notified/proposed
    n: integer('n').notNull(),
    priceMinor: integer('price_minor').notNull(),
  },
  // Keyed so that days come last (the migration declares it WITHOUT ROWID): the thresholds'
  // collapse (db/metrics.ts histogramRows) then groups in key order, with no sort.
  (t) => [primaryKey({ columns: [t.country, t.plan, t.currency, t.watched, t.inCampaign, t.days] })],
);

/** Members cancelled by Rekindle, by cancel day and rejoin day ('' = not rejoined). */
export const metricsCancellations = sqliteTable(
  'metrics_cancellations',
  {
    cancelDay: text('cancel_day').notNull(),
    rejoinDay: text('rejoin_day').notNull(),
    country: text('country').notNull(),
    plan: text('plan').notNull(),
    currency: text('currency').notNull(),
    n: integer('n').notNull(),
    priceMinor: integer('price_minor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cancelDay, t.rejoinDay, t.country, t.plan, t.currency] })],
);

/**
 * Members cancelled at their own request (the keep page's "cancel now", at their period end), by
 * cancel day. Kept apart from metrics_cancellations: not cancelled by Rekindle, so not forgone.
 */
export const metricsOwnCancellations = sqliteTable(
  'metrics_own_cancellations',
  {
    cancelDay: text('cancel_day').notNull(),
    country: text('country').notNull(),
    plan: text('plan').notNull(),
    currency: text('currency').notNull(),
    n: integer('n').notNull(),
    priceMinor: integer('price_minor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cancelDay, t.country, t.plan, t.currency] })],
);

/**
 * Cancellations undone by late views (batch_members state 'undone'), by the day of the undone
 * cancellation. Kept apart from metrics_cancellations: an undone cancellation is never counted
 * as cancelled, forgone or rejoined.
 */
export const metricsLateViews = sqliteTable(
  'metrics_late_views',
  {
    cancelDay: text('cancel_day').notNull(),
    country: text('country').notNull(),
    plan: text('plan').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cancelDay, t.country, t.plan] })],
);

/** Campaign outcomes per campaign, variant (0 = holdout), country and plan. */
export const metricsCampaignOutcomes = sqliteTable(
  'metrics_campaign_outcomes',
  {
    campaignId: integer('campaign_id').notNull(),
    variantId: integer('variant_id').notNull(),
    country: text('country').notNull(),
    plan: text('plan').notNull(),
    assigned: integer('assigned').notNull(),
    sent: integer('sent').notNull(),
    wonBack: integer('won_back').notNull(),
    wonBackSent: integer('won_back_sent').notNull(),
    cancelled: integer('cancelled').notNull(),
    rejoined: integer('rejoined').notNull(),
    // Answered "cancel now": neither won back nor no response (DOMAIN.md "Chose to leave").
    choseToLeave: integer('chose_to_leave').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.variantId, t.country, t.plan] })],
);

/**
 * Changes to metrics_member_histogram not yet folded into it: triggers on members (custom migration
 * 0023) write −1 for a member's old bucket and +1 for its new one in the writing transaction, and
 * db/metrics-refresh.ts applyMemberDeltas folds them in within seconds. `refDay` is the absolute UTC
 * day index of the last view (or of joining), so a delta needs no snapshot day to be recorded.
 */
export const metricsMemberDeltas = sqliteTable('metrics_member_deltas', {
  country: text('country').notNull(),
  plan: text('plan').notNull(),
  currency: text('currency').notNull(),
  watched: integer('watched').notNull(),
  refDay: integer('ref_day').notNull(),
  inCampaign: integer('in_campaign').notNull(),
  n: integer('n').notNull(),
  priceMinor: integer('price_minor').notNull(),
});

/** When each part was last refreshed, and the cheap signature of the sources it was built from. */
export const metricsRefresh = sqliteTable('metrics_refresh', {
  part: text('part').primaryKey(), // 'members' | 'outcomes'
  at: integer('at').notNull(), // ms: the last full rebuild
  day: text('day').notNull(), // the UTC day the snapshot counts from
  signature: text('signature').notNull(),
  tookMs: integer('took_ms').notNull(),
  // members: when pending deltas were last folded in (null: not since the rebuild at `at`).
  appliedAt: integer('applied_at'),
});
