import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CAMPAIGN_STATUSES, LEAVE_REASONS, OUTCOMES, RECIPIENT_STATUSES } from '@/lib/domain/values';

export { CAMPAIGN_STATUSES, type CampaignStatus, OUTCOMES, RECIPIENT_STATUSES } from '@/lib/domain/values';

export const campaigns = sqliteTable(
  'campaigns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    policyVersionId: integer('policy_version_id').notNull(),
    segment: text('segment').notNull(), // JSON of the segment filters
    channel: text('channel', { enum: ['email', 'in_app', 'both'] })
      .notNull()
      .default('email'),
    holdoutPct: integer('holdout_pct').notNull().default(10),
    seed: integer('seed').notNull(),
    scheduledAt: integer('scheduled_at'),
    sendStartedAt: integer('send_started_at'),
    deadlineAt: integer('deadline_at'),
    closedAt: integer('closed_at'),
    // When every non-excluded recipient's members.running_campaign_id was written (db/running-flags.ts).
    membersFlaggedAt: integer('members_flagged_at'),
    // Always-on: the definition row enrols a dated cohort each day; each cohort is a campaign row of
    // its own (parent_campaign_id, cohort_day 'YYYY-MM-DD') that sends, closes and is reported alone.
    alwaysOn: integer('always_on', { mode: 'boolean' }).notNull().default(false),
    parentCampaignId: integer('parent_campaign_id'),
    cohortDay: text('cohort_day'),
    // BCP 47: the language of the variants' own subject and body, sent to members whose language
    // has no translation (lib/domain/members/language.ts fallbackChain).
    defaultLanguage: text('default_language').notNull().default('en'),
    createdBy: integer('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('campaigns_status_idx').on(t.status),
    // One cohort per always-on campaign and day: enrolling a day twice enrols nobody twice.
    uniqueIndex('campaigns_cohort_uq').on(t.parentCampaignId, t.cohortDay),
  ],
);

export const campaignVariants = sqliteTable(
  'campaign_variants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    key: text('key').notNull(), // 'A' | 'B' | 'C'
    name: text('name').notNull(),
    splitPct: integer('split_pct').notNull(), // share of the non-holdout members
    offer: text('offer', { enum: ['none', 'free_month'] })
      .notNull()
      .default('none'),
    subjectTemplate: text('subject_template').notNull(),
    bodyTemplate: text('body_template').notNull(),
  },
  (t) => [uniqueIndex('variants_campaign_key_uq').on(t.campaignId, t.key)],
);

/** A variant's subject and body in another language than the campaign's default. */
export const campaignVariantTranslations = sqliteTable(
  'campaign_variant_translations',
  {
    variantId: integer('variant_id')
      .notNull()
      .references(() => campaignVariants.id),
    language: text('language').notNull(), // canonical BCP 47
    subjectTemplate: text('subject_template').notNull(),
    bodyTemplate: text('body_template').notNull(),
  },
  (t) => [primaryKey({ columns: [t.variantId, t.language] })],
);

/** One row per assigned member (variant recipient or holdout), the unit of every campaign metric. */
export const campaignMembers = sqliteTable(
  'campaign_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id').notNull(),
    memberId: integer('member_id').notNull(),
    variantId: integer('variant_id'), // null = holdout
    channel: text('channel', { enum: ['email', 'in_app', 'none'] }).notNull(),
    status: text('status', { enum: RECIPIENT_STATUSES }).notNull(),
    excludedReason: text('excluded_reason'),
    assignedAt: integer('assigned_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    sentAt: integer('sent_at'),
    failedReason: text('failed_reason'),
    confirmedAt: integer('confirmed_at'),
    offerAccepted: integer('offer_accepted', { mode: 'boolean' }).notNull().default(false),
    reactivatedAt: integer('reactivated_at'),
    outcome: text('outcome', { enum: OUTCOMES }).notNull().default('pending'),
    // The sent email bounced (hard, complaint, or soft too often): sent but never reached (db/bounces.ts).
    bouncedAt: integer('bounced_at'),
    bounceReason: text('bounce_reason'),
    softBounces: integer('soft_bounces').notNull().default(0),
  },
  (t) => [
    uniqueIndex('cm_campaign_member_uq').on(t.campaignId, t.memberId),
    index('cm_member_idx').on(t.memberId),
    // Covers the campaign report and list (counts by status, outcome and variant) without row lookups.
    index('cm_campaign_status_idx').on(t.campaignId, t.status, t.outcome, t.variantId),
    // Partial, so it holds only the few bounced recipients: the report's "not reached" counts read it alone.
    index('cm_bounced_idx').on(t.campaignId, t.variantId).where(sql`bounced_at IS NOT NULL`),
  ],
);

/**
 * Recipients per campaign, status, outcome and variant (0 = holdout), kept current by triggers on
 * campaign_members in the writing transaction (custom part of migration 0033): the campaigns list
 * and a campaign's report read a few dozen rows here instead of counting up to 900,000 recipients
 * per view (decision 036).
 */
export const campaignMemberTotals = sqliteTable(
  'campaign_member_totals',
  {
    campaignId: integer('campaign_id').notNull(),
    status: text('status', { enum: RECIPIENT_STATUSES }).notNull(),
    outcome: text('outcome', { enum: OUTCOMES }).notNull(),
    variantId: integer('variant_id').notNull(), // 0 = holdout (null in campaign_members)
    members: integer('members').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.status, t.outcome, t.variantId] })],
);

/**
 * Rendered messages: one per recipient and channel, written before the SMTP call, so a restart never
 * sends twice. A second channel only when a bounced email falls back to an in-app notice.
 */
export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignMemberId: integer('campaign_member_id').notNull(),
    channel: text('channel', { enum: ['email', 'in_app'] }).notNull(),
    toAddress: text('to_address'),
    subject: text('subject').notNull(),
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    language: text('language'), // BCP 47 the message was rendered in (null: written before languages existed)
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'), // SMTP 2xx, or in-app acknowledged
    serverResponse: text('server_response'),
  },
  (t) => [uniqueIndex('messages_cm_channel_uq').on(t.campaignMemberId, t.channel)],
);

export const suppressions = sqliteTable('suppressions', {
  memberId: integer('member_id').primaryKey(),
  reason: text('reason').notNull(),
  addedBy: text('added_by').notNull(),
  addedAt: integer('added_at').notNull(),
});

/** Used keep-link tokens (the token carries the recipient id; reuse is refused). */
export const keepConfirmations = sqliteTable(
  'keep_confirmations',
  {
    campaignMemberId: integer('campaign_member_id').notNull(),
    confirmedAt: integer('confirmed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignMemberId] })],
);

/**
 * "Cancel now" answers on the keep page: one per recipient. The member is cancelled by their own
 * request when `endsAt` (the end of the paid month) comes, by lib/keep/cancel-chosen-to-leave.ts,
 * which sets `cancelledAt`. Price, currency, country and plan as at the answer, for the reports.
 */
export const leaveRequests = sqliteTable(
  'leave_requests',
  {
    campaignMemberId: integer('campaign_member_id').primaryKey(),
    campaignId: integer('campaign_id').notNull(),
    variantId: integer('variant_id'),
    memberId: integer('member_id').notNull(),
    reason: text('reason', { enum: LEAVE_REASONS }),
    // Free text from the member, cut to 500 characters; erased with the member's personal data.
    note: text('note'),
    requestedAt: integer('requested_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    cancelledAt: integer('cancelled_at'),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    country: text('country').notNull(),
    plan: text('plan').notNull(),
  },
  (t) => [
    index('leave_requests_member_idx').on(t.memberId),
    // The period-end job reads only the requests still waiting.
    index('leave_requests_due_idx').on(t.endsAt).where(sql`cancelled_at IS NULL`),
  ],
);
