import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { RISK_BANDS } from '@/lib/domain/risk/model';

/**
 * The latest at-risk score of each active member (lib/domain/risk/model.ts), with the features it
 * was computed from so the member page can say why. Apart from `members`: rewriting a few bytes of
 * each of 5M member rows every day would rewrite the whole members table and its indexes.
 * Only what changes when the member's viewing changes is stored (the last view, not the days since
 * it; no tenure, no instant), so the daily run rewrites only the ~10% of rows whose score or
 * features moved; the days since the last view and the tenure are counted from the latest run's
 * instant (`risk_runs`) when read.
 */
export const memberRisk = sqliteTable(
  'member_risk',
  {
    memberId: integer('member_id').primaryKey(),
    score: integer('score').notNull(), // 0–100
    band: text('band', { enum: RISK_BANDS }).notNull(),
    lastViewedAt: integer('last_viewed_at'), // the latest view before the run's instant; null: none
    usualGapDays: integer('usual_gap_days'),
    views90: integer('views_90').notNull(),
    previous90: integer('previous_90').notNull(),
    // The first UTC day (days since the epoch) on which this row may change with no new view: its
    // score crossing a whole number as days pass, or a view leaving a 90-day window (decision 033).
    recheckDay: integer('recheck_day').notNull().default(0),
  },
  (t) => [
    // The segment builder reads the targeted bands' member ids from this partial index alone.
    index('member_risk_band_idx').on(t.band, t.memberId).where(sql`band <> 'low'`),
    // The daily run finds the rows due for a new score here.
    index('member_risk_recheck_idx').on(t.recheckDay),
  ],
);

/**
 * Members whose score may have changed for a reason the calendar does not tell (a view recorded or
 * deleted, the member becoming active or no longer active, a new join date): written by triggers on
 * the event tables and on members (migration `risk_incremental`), emptied by the scoring run.
 */
export const riskDirty = sqliteTable('risk_dirty', {
  memberId: integer('member_id').primaryKey(),
});

/** Each day's scoring run: the instant every stored score holds as of, and how many members it scored. */
export const riskRuns = sqliteTable('risk_runs', {
  day: text('day').primaryKey(), // YYYY-MM-DD (UTC)
  scoredAt: integer('scored_at').notNull(),
  scored: integer('scored').notNull(),
  // The model (coefficients and bands) the scores were computed with: another one re-scores everyone.
  model: text('model').notNull().default(''),
});

/** Active members scored high or medium per UTC day, for the overview beside the dormant counts. */
export const riskDaily = sqliteTable(
  'risk_daily',
  {
    day: text('day').notNull(), // YYYY-MM-DD (UTC)
    country: text('country').notNull(),
    plan: text('plan').notNull(),
    band: text('band').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.country, t.plan, t.band] })],
);

/**
 * The latest backtest (lib/risk/backtest.ts), written by the scoring job once a week (decision 033):
 * members active on the scoring day by score, split by whether they became dormant or were cancelled by the outcome day.
 * Kept because it reads every member's history (seconds at millions of members), too slow for a page.
 */
export const riskBacktest = sqliteTable(
  'risk_backtest',
  {
    outcomeDay: text('outcome_day').notNull(), // YYYY-MM-DD (UTC), D
    scoredDay: text('scored_day').notNull(), // D − 180 days
    policyVersionId: integer('policy_version_id').notNull(),
    score: integer('score').notNull(),
    positives: integer('positives').notNull(),
    negatives: integer('negatives').notNull(),
  },
  (t) => [primaryKey({ columns: [t.outcomeDay, t.score] })],
);

/**
 * Each member's views over both event tables, kept by triggers on every write to them (see the
 * migration `view_counts`): the scoring job reads these instead of every event (decision 033).
 */
export const memberViewCounts = sqliteTable('member_view_counts', {
  memberId: integer('member_id').primaryKey(),
  firstViewedAt: integer('first_viewed_at').notNull(),
  lastViewedAt: integer('last_viewed_at').notNull(),
  views: integer('views').notNull(),
});

/**
 * Views per member and UTC day (days since the epoch), kept by the same triggers; the scoring job
 * drops days older than its 180-day windows need (lib/risk/score.ts), so the table stays small.
 */
export const memberViewDays = sqliteTable(
  'member_view_days',
  {
    memberId: integer('member_id').notNull(),
    day: integer('day').notNull(),
    views: integer('views').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.day] })],
);
