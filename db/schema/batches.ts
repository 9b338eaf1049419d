import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { BATCH_MEMBER_STATES, BATCH_STATUSES } from '@/lib/domain/values';

export { BATCH_MEMBER_STATES, BATCH_STATUSES, type BatchStatus } from '@/lib/domain/values';

export const batches = sqliteTable(
  'batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id').notNull(),
    policyVersionId: integer('policy_version_id').notNull(),
    status: text('status', { enum: BATCH_STATUSES }).notNull().default('proposed'),
    proposedAt: integer('proposed_at').notNull(),
    proposerId: integer('proposer_id'), // the staff member who submitted it for approval
    submittedAt: integer('submitted_at'),
    decidedBy: integer('decided_by'),
    decidedAt: integer('decided_at'),
    decisionComment: text('decision_comment'),
    executedBy: integer('executed_by'),
    executedAt: integer('executed_at'),
  },
  (t) => [index('batches_status_idx').on(t.status), index('batches_campaign_idx').on(t.campaignId)],
);

export const batchMembers = sqliteTable(
  'batch_members',
  {
    batchId: integer('batch_id').notNull(),
    memberId: integer('member_id').notNull(),
    campaignMemberId: integer('campaign_member_id').notNull(),
    state: text('state', { enum: BATCH_MEMBER_STATES }).notNull().default('included'),
    reason: text('reason'),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    country: text('country').notNull(),
    plan: text('plan').notNull(),
    decidedAt: integer('decided_at'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.memberId] }), index('bm_member_idx').on(t.memberId)],
);

/**
 * A batch's members and their monthly price per state, country, plan, currency and — for skipped
 * members — the reason, kept by triggers on batch_members (migration 0030) in the writing
 * transaction, so the batch pages read a few dozen rows instead of a 900,000-member batch.
 */
export const batchMemberTotals = sqliteTable(
  'batch_member_totals',
  {
    batchId: integer('batch_id').notNull(),
    state: text('state', { enum: BATCH_MEMBER_STATES }).notNull(),
    reason: text('reason').notNull(), // '' unless skipped
    country: text('country').notNull(),
    plan: text('plan').notNull(),
    currency: text('currency').notNull(),
    members: integer('members').notNull(),
    monthlyMinor: integer('monthly_minor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.state, t.reason, t.country, t.plan, t.currency] })],
);

export const rejoins = sqliteTable(
  'rejoins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id').notNull(),
    batchId: integer('batch_id'),
    cancelledAt: integer('cancelled_at').notNull(),
    rejoinedAt: integer('rejoined_at').notNull(),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    source: text('source').notNull(), // 'cx' | 'api' | 'late_view' (db/viewing.sql.ts LATE_VIEW_SQL)
    by: text('by').notNull(),
    // The next-season campaign whose message reached the member within the attribution window
    // before this rejoin (lib/domain/campaigns/next-season.ts); null when none did.
    nextSeasonCampaignId: integer('next_season_campaign_id'),
  },
  (t) => [index('rejoins_member_idx').on(t.memberId), index('rejoins_at_idx').on(t.rejoinedAt)],
);

/** Exchange rates: reporting-currency minor units per 1,000,000 minor units of `currency`. */
export const fxRates = sqliteTable(
  'fx_rates',
  {
    currency: text('currency').notNull(),
    asOf: text('as_of').notNull(), // YYYY-MM-DD
    perMillionMinor: integer('per_million_minor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.currency, t.asOf] })],
);
