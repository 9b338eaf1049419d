import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CANCELLATION_SOURCES, DORMANT_REASONS, MEMBER_STATUSES } from '@/lib/domain/values';

// All instants are integer milliseconds since the Unix epoch (UTC). Money is integer minor units.

export { DORMANT_REASONS, type DormantReason, MEMBER_STATUSES, type MemberStatus } from '@/lib/domain/values';

/**
 * The WHERE terms of the partial member indexes. SQLite uses a partial index only when the query's
 * WHERE contains the index's term itself, so queries meant to use one include it verbatim.
 */
export const STATUS_IDX_TERM = "status <> 'active'";

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id').notNull(),
    email: text('email'), // null once purged/erased
    displayName: text('display_name'), // null once purged/erased
    country: text('country').notNull(), // ISO 3166-1 alpha-2
    plan: text('plan').notNull(),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(), // ISO 4217
    // BCP 47 tag the member is written to in (messages, keep page); set by import/API, defaulting
    // from the country when absent.
    language: text('language').notNull().default('en'),
    joinedAt: integer('joined_at').notNull(),
    // Denormalised max(viewing_events.watched_at); null = never watched. Maintained on every ingested view.
    lastViewedAt: integer('last_viewed_at'),
    lastTitleId: integer('last_title_id'),
    status: text('status', { enum: MEMBER_STATUSES }).notNull().default('active'),
    statusChangedAt: integer('status_changed_at').notNull(),
    dormantReason: text('dormant_reason', { enum: DORMANT_REASONS }),
    dormantSince: integer('dormant_since'),
    lastContactedAt: integer('last_contacted_at'), // last last-chance message sent (frequency cap)
    cancelledAt: integer('cancelled_at'),
    cancelledBatchId: integer('cancelled_batch_id'),
    // 'batch' (cancelled_batch_id says which) or 'member_request' (the keep page's "cancel now").
    cancellationSource: text('cancellation_source', { enum: CANCELLATION_SOURCES }),
    retentionUntil: integer('retention_until'),
    purgedAt: integer('purged_at'),
    // The running campaign this member is a non-excluded recipient of, written after queueing
    // (db/running-flags.ts); stale once that campaign stops running, and then ignored. Lets the
    // segment builder's live count leave a running campaign's members out while reading
    // members_segment_idx alone (its last column; custom migrations 0002/0004/0008).
    runningCampaignId: integer('running_campaign_id'),
    // False once the member opted out of win-back messages (member import, PUT /api/members/consent);
    // next-season campaigns never take or message a member without it.
    winbackConsent: integer('winback_consent', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    uniqueIndex('members_account_id_uq').on(t.accountId),
    index('members_email_idx').on(t.email),
    // Partial: only the rare statuses (under 1% of members). Active members are walked in id order
    // instead, so the index stays small and builds in a second after seeding. It also serves the daily
    // dormant counts (a range per status plus the rows: cheap while dormant members are few), so no
    // second status-led index has to be maintained when a batch cancels 900k members.
    // Queries that use it repeat its WHERE term (STATUS_IDX_TERM).
    index('members_status_idx').on(t.status, t.id).where(sql`status <> 'active'`),
    index('members_country_idx').on(t.country, t.id),
    index('members_plan_idx').on(t.plan, t.id),
    // Cancelled members not yet anonymised, by the end of their retention window: how many are due
    // for the purge is a range count here (the batches page shows it to admins on every view) rather
    // than a lookup of each cancelled member's row (0.25 s warm, seconds cold, at 20M members).
    index('members_retention_due_idx').on(t.retentionUntil).where(sql`status = 'cancelled' AND purged_at IS NULL`),
  ],
);

export const titles = sqliteTable(
  'titles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('film'), // film | series | documentary | special
    releaseYear: integer('release_year'),
    // A season of a series names its series and its number (1, 2, …); both null for a single title.
    series: text('series'),
    season: integer('season'),
  },
  // An import resolves each distinct title name in the file (db/viewing.ts titleByName): without
  // this, one scan of the whole catalogue per name.
  (t) => [
    index('titles_name_idx').on(t.name, t.id),
    // The next season of a series a member watched is one range of this index (db/recommendations.ts).
    uniqueIndex('titles_series_season_uq').on(t.series, t.season),
  ],
);

/** Most-watched titles per country, used for the "popular in your country" template variable. */
export const popularTitles = sqliteTable(
  'popular_titles',
  {
    country: text('country').notNull(),
    rank: integer('rank').notNull(),
    titleId: integer('title_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.country, t.rank] })],
);

// One viewing event: the columns and key both event tables share.
const viewColumns = () => ({
  memberId: integer('member_id').notNull(),
  watchedAt: integer('watched_at').notNull(),
  titleId: integer('title_id').notNull(),
  secondsWatched: integer('seconds_watched').notNull(),
});
const viewKey = (t: { memberId: AnySQLiteColumn; watchedAt: AnySQLiteColumn; titleId: AnySQLiteColumn }) => [
  primaryKey({ columns: [t.memberId, t.watchedAt, t.titleId] }),
];

// Clustered by member and time (the migration declares it WITHOUT ROWID): the same event twice
// is one row, and a member's timeline is one contiguous range.
export const viewingEvents = sqliteTable('viewing_events', viewColumns(), viewKey);

// Views recorded since the last roll-up (db/recent-views.ts), same key, never also in viewing_events.
// An import's events land in this small table instead of one page per member of the big one; a
// background roll-up moves them over in member order. Readers take the union of both.
export const viewingEventsRecent = sqliteTable('viewing_events_recent', viewColumns(), viewKey);

export type Member = typeof members.$inferSelect;
export type NewMember = typeof members.$inferInsert;
