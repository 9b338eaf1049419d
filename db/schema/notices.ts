import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { STAFF_NOTICE_KINDS, STAFF_NOTICE_STATUSES } from '@/lib/domain/values';

export { STAFF_NOTICE_KINDS, STAFF_NOTICE_STATUSES, type StaffNoticeKind } from '@/lib/domain/values';

/**
 * The outbox of emails to staff about batches (lib/batches/notices.ts). A row is written in the same
 * transaction as the event it announces (the submit, the reminder pass), so it exists exactly once;
 * the sender sends it after commit. The unique key is what makes "never a second reminder" hold.
 */
export const staffNotices = sqliteTable(
  'staff_notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id').notNull(),
    staffId: integer('staff_id').notNull(),
    kind: text('kind', { enum: STAFF_NOTICE_KINDS }).notNull(),
    status: text('status', { enum: STAFF_NOTICE_STATUSES }).notNull().default('queued'),
    createdAt: integer('created_at').notNull(),
    /** When the sender may next try (backoff after a transient SMTP failure). */
    dueAt: integer('due_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Set when a sender claims the row, before it talks to SMTP: a row left 'sending' past it was interrupted. */
    leaseUntil: integer('lease_until'),
    sentAt: integer('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('staff_notices_uq').on(t.batchId, t.staffId, t.kind),
    index('staff_notices_due_idx').on(t.status, t.dueAt),
    index('staff_notices_staff_idx').on(t.staffId, t.createdAt),
  ],
);

export type StaffNotice = typeof staffNotices.$inferSelect;
