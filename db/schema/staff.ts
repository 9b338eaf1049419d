import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

import { ROLES } from '@/lib/domain/values';

export { ROLES, type Role } from '@/lib/domain/values';

export const staff = sqliteTable(
  'staff',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    // The identity provider's account (issuer + space + sub) once this person signed in with it.
    oidcSubject: text('oidc_subject'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('staff_email_uq').on(t.email), uniqueIndex('staff_oidc_subject_uq').on(t.oidcSubject)],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_staff_idx').on(t.staffId)],
);

/** Failed sign-in counter per email and per client address, for throttling. */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: integer('window_start').notNull(),
  lockedUntil: integer('locked_until'),
});

/** Append-only: the app has no code path that updates or deletes rows here (a trigger enforces it). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorId: integer('actor_id'), // null for system jobs and API-key callers
    actorLabel: text('actor_label').notNull(), // email at the time, or 'system' / 'api'
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: text('before'), // JSON
    after: text('after'), // JSON
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorLabel, t.at),
    index('audit_action_idx').on(t.action, t.at),
  ],
);

/** Key/value settings (e.g. the test clock offset). */
export const appSettings = sqliteTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Long-running jobs (scan, queueing, batch execution, purge): progress, and one running per kind. */
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    heartbeatAt: integer('heartbeat_at'),
    progress: integer('progress').notNull().default(0),
    total: integer('total'),
    startedBy: text('started_by').notNull(),
    message: text('message'),
  },
  (t) => [index('jobs_kind_idx').on(t.kind, t.startedAt)],
);

export type Staff = typeof staff.$inferSelect;
/** A job as pages show it (progress of a scan, an execution…). */
export type JobRow = Omit<typeof jobs.$inferSelect, 'kind' | 'heartbeatAt'>;
