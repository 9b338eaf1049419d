import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Immutable policy versions: every save is a new row; the highest id is current. */
export const policyVersions = sqliteTable('policy_versions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  neverWatchedDays: integer('never_watched_days').notNull(),
  inactiveDays: integer('inactive_days').notNull(),
  responseDays: integer('response_days').notNull(),
  retentionDays: integer('retention_days').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  note: text('note'),
});

/** Pre-aggregated dormant counts per UTC day, so charts read hundreds of rows, not millions. */
export const dormancyDaily = sqliteTable(
  'dormancy_daily',
  {
    day: text('day').notNull(), // YYYY-MM-DD (UTC)
    country: text('country').notNull(),
    plan: text('plan').notNull(),
    reason: text('reason').notNull(),
    count: integer('count').notNull(),
    monthlyMinor: integer('monthly_minor').notNull().default(0),
    currency: text('currency').notNull().default('USD'),
  },
  (t) => [primaryKey({ columns: [t.day, t.country, t.plan, t.reason, t.currency] })],
);

export type PolicyVersion = typeof policyVersions.$inferSelect;
