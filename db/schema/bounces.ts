import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { BOUNCE_SOURCES, BOUNCE_TYPES } from '@/lib/domain/delivery/bounces';

export { BOUNCE_SOURCES, BOUNCE_TYPES } from '@/lib/domain/delivery/bounces';

/**
 * Every bounce or complaint report received, matched to its message or not: the evidence behind a
 * recipient marked bounced (campaign_members.bounced_at) and an address suppressed.
 */
export const bounces = sqliteTable(
  'bounces',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source', { enum: BOUNCE_SOURCES }).notNull(),
    type: text('type', { enum: BOUNCE_TYPES }).notNull(),
    messageRef: text('message_ref'), // the Message-ID the report names, as given
    address: text('address'),
    campaignMemberId: integer('campaign_member_id'), // null: no message of ours matched
    reason: text('reason').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [index('bounces_cm_idx').on(t.campaignMemberId, t.type, t.occurredAt)],
);

/**
 * Email addresses no message may be sent to again (hard bounce or complaint). Kept by address,
 * not by member: the member may still be reached in-app, or at a new address.
 */
export const emailSuppressions = sqliteTable('email_suppressions', {
  address: text('address').primaryKey(), // lower-cased
  reason: text('reason').notNull(),
  source: text('source').notNull(),
  addedAt: integer('added_at').notNull(),
});
