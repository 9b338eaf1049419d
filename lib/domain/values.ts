// The value lists of the domain: statuses, reasons and roles. The schema (db/schema) builds its
// column enums from these, so a rule and a column can never disagree on a spelling.

export const ROLES = ['admin', 'cx_manager', 'approver', 'executive'] as const;
export type Role = (typeof ROLES)[number];

export const MEMBER_STATUSES = ['active', 'dormant', 'notified', 'proposed', 'cancelled'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const DORMANT_REASONS = ['never_watched', 'inactive'] as const;
export type DormantReason = (typeof DORMANT_REASONS)[number];

export const CAMPAIGN_STATUSES = [
  'draft',
  'scheduled',
  'sending',
  'paused',
  'awaiting_responses',
  'closed',
  'cancelled',
  // An always-on campaign's own states (its cohorts are ordinary campaigns): enrolling a cohort each
  // day, enrolment paused (its cohorts' sending paused too), ended (no more cohorts; open ones finish).
  'enrolling',
  'enrolment_paused',
  'ended',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const RECIPIENT_STATUSES = ['holdout', 'excluded', 'queued', 'sending', 'sent', 'failed'] as const;
// 'chose_to_leave': the member answered "cancel now" on the keep page; cancelled at their period end by
// their own request (lib/keep/cancel-chosen-to-leave.ts), never by a batch.
export const OUTCOMES = ['pending', 'confirmed', 'reactivated', 'no_response', 'chose_to_leave'] as const;
// Who ended a membership: a cancellation batch, or the member's own "cancel now" answer.
export const CANCELLATION_SOURCES = ['batch', 'member_request'] as const;
export type CancellationSource = (typeof CANCELLATION_SOURCES)[number];

export const BATCH_STATUSES = ['proposed', 'submitted', 'approved', 'rejected', 'executing', 'executed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
// 'undone': cancelled, then restored because a view from before the cancellation arrived after it
// (lib/domain/batches/late-views.ts): counted as never cancelled.
export const BATCH_MEMBER_STATES = ['included', 'excluded', 'cancelled', 'skipped', 'undone'] as const;

// Emails to staff about batches (db/schema/notices.ts): the submit announcement and the one reminder.
export const STAFF_NOTICE_KINDS = ['submitted', 'reminder'] as const;
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];
// 'skipped': not sent because it no longer applied (the batch was decided, the person left or lost the role).
export const STAFF_NOTICE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;

// The fixed reasons a member may give when choosing to leave on the keep page (plus free text).
export const LEAVE_REASONS = [
  'too_expensive',
  'not_enough_to_watch',
  'not_watching',
  'technical_problems',
  'other_service',
  'other',
] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];
