import 'server-only';
import { and, asc, eq, gt, inArray, isNotNull, lt, lte, ne, notExists, sql } from 'drizzle-orm';
import type { Role } from '@/lib/domain/roles';
import type { StaffNoticeKind } from '@/lib/domain/values';
import { batches, batchMemberTotals, campaigns, staff, staffNotices } from './schema';
import type { Tx } from './unit-of-work';

// The outbox of emails to staff about batches, inside the caller's transaction. Queueing is an
// INSERT … ON CONFLICT DO NOTHING on (batch, staff, kind): a retried submit or a second reminder
// pass adds nothing. Sending claims one row at a time with a conditional UPDATE, so two senders
// (the server's and `npm run worker`) never take the same notice.

/** Written on a notice whose sender died between claiming it and recording the outcome. */
export const NOTICE_INTERRUPTED = 'interrupted: the sender stopped before the outcome was recorded (not re-sent)';

/** Active staff with one of `roles`, other than `exceptId` (the batch's proposer). */
function recipients(tx: Tx, roles: readonly Role[], exceptId: number | null) {
  return tx.db
    .select({ id: staff.id })
    .from(staff)
    .where(and(inArray(staff.role, [...roles]), eq(staff.disabled, false), exceptId == null ? undefined : ne(staff.id, exceptId)))
    .orderBy(asc(staff.id))
    .all()
    .map((r) => r.id);
}

function queue(tx: Tx, batchId: number, staffIds: number[], kind: StaffNoticeKind, at: number): number {
  if (!staffIds.length) return 0;
  return tx.db
    .insert(staffNotices)
    .values(staffIds.map((staffId) => ({ batchId, staffId, kind, createdAt: at, dueAt: at })))
    .onConflictDoNothing()
    .run().changes;
}

/** Queues the "batch submitted" email for every active decider other than the proposer; how many were new. */
export function queueSubmittedNotices(tx: Tx, batchId: number, proposerId: number, roles: readonly Role[], at: number): number {
  return queue(tx, batchId, recipients(tx, roles, proposerId), 'submitted', at);
}

/**
 * Queues one reminder per active decider (not the proposer) for every batch submitted at or before
 * `submittedBy` and still undecided. Returns the number queued per batch (batches with none left out).
 */
export function queueReminders(tx: Tx, submittedBy: number, roles: readonly Role[], at: number): Map<number, number> {
  const due = tx.db
    .select({ id: batches.id, proposerId: batches.proposerId })
    .from(batches)
    .where(and(eq(batches.status, 'submitted'), isNotNull(batches.submittedAt), lte(batches.submittedAt, submittedBy)))
    .all();
  const queued = new Map<number, number>();
  for (const b of due) {
    const n = queue(tx, b.id, recipients(tx, roles, b.proposerId), 'reminder', at);
    if (n) queued.set(b.id, n);
  }
  return queued;
}

/** Whether any reminder is due (a read, so the frequent housekeeping check never takes the write lock). */
export function remindersDue(tx: Tx, submittedBy: number, roles: readonly Role[]): boolean {
  const sent = tx.db
    .select({ one: sql`1` })
    .from(staffNotices)
    .where(and(eq(staffNotices.batchId, batches.id), eq(staffNotices.staffId, staff.id), eq(staffNotices.kind, 'reminder')));
  const row = tx.db
    .select({ id: batches.id })
    .from(batches)
    .innerJoin(staff, and(inArray(staff.role, [...roles]), eq(staff.disabled, false), ne(staff.id, batches.proposerId)))
    .where(and(eq(batches.status, 'submitted'), lte(batches.submittedAt, submittedBy), notExists(sent)))
    .limit(1)
    .get();
  return row !== undefined;
}

export type ClaimedNotice = { id: number; batchId: number; staffId: number; kind: StaffNoticeKind; attempts: number };

/** Takes the oldest due notice for sending: marks it 'sending' with a lease and counts the attempt. */
export function claimNextNotice(tx: Tx, at: number, leaseMs: number): ClaimedNotice | undefined {
  const next = tx.db
    .select({ id: staffNotices.id })
    .from(staffNotices)
    .where(and(eq(staffNotices.status, 'queued'), lte(staffNotices.dueAt, at)))
    .orderBy(asc(staffNotices.dueAt), asc(staffNotices.id))
    .limit(1)
    .get();
  if (!next) return undefined;
  return tx.db
    .update(staffNotices)
    .set({ status: 'sending', attempts: sql`${staffNotices.attempts} + 1`, leaseUntil: at + leaseMs })
    .where(and(eq(staffNotices.id, next.id), eq(staffNotices.status, 'queued')))
    .returning({
      id: staffNotices.id,
      batchId: staffNotices.batchId,
      staffId: staffNotices.staffId,
      kind: staffNotices.kind,
      attempts: staffNotices.attempts,
    })
    .get();
}

/** Records the outcome of a claimed notice (only while it is still 'sending'). */
export function finishNotice(
  tx: Tx,
  id: number,
  outcome:
    | { status: 'sent'; at: number; note?: string }
    | { status: 'queued'; dueAt: number; error: string }
    | { status: 'failed' | 'skipped'; error: string },
): boolean {
  const set =
    outcome.status === 'sent'
      ? { status: 'sent' as const, sentAt: outcome.at, leaseUntil: null, lastError: outcome.note ?? null }
      : outcome.status === 'queued'
        ? { status: 'queued' as const, dueAt: outcome.dueAt, leaseUntil: null, lastError: outcome.error }
        : { status: outcome.status, leaseUntil: null, lastError: outcome.error };
  return (
    tx.db
      .update(staffNotices)
      .set(set)
      .where(and(eq(staffNotices.id, id), eq(staffNotices.status, 'sending')))
      .run().changes > 0
  );
}

/**
 * Notices left 'sending' past their lease: the sender died mid-send. The SMTP server may already
 * have accepted the email, so they are failed, never re-sent (the home page still lists the batch).
 */
export function failInterruptedNotices(tx: Tx, at: number): number {
  return tx.db
    .update(staffNotices)
    .set({ status: 'failed', leaseUntil: null, lastError: NOTICE_INTERRUPTED })
    .where(and(eq(staffNotices.status, 'sending'), lt(staffNotices.leaseUntil, at)))
    .run().changes;
}

/** What a notice's email says: the batch in figures and who it goes to. No member data. */
export function noticeFacts(tx: Tx, notice: { batchId: number; staffId: number }) {
  const head = tx.db
    .select({
      batchId: batches.id,
      status: batches.status,
      submittedAt: batches.submittedAt,
      proposerId: batches.proposerId,
      campaignName: campaigns.name,
    })
    .from(batches)
    .leftJoin(campaigns, eq(campaigns.id, batches.campaignId))
    .where(eq(batches.id, notice.batchId))
    .get();
  const to = tx.db
    .select({ email: staff.email, name: staff.name, role: staff.role, disabled: staff.disabled })
    .from(staff)
    .where(eq(staff.id, notice.staffId))
    .get();
  if (!head || !to) return undefined;
  const proposer =
    head.proposerId == null
      ? null
      : (tx.db.select({ email: staff.email }).from(staff).where(eq(staff.id, head.proposerId)).get()?.email ?? null);
  const money = tx.db
    .select({
      currency: batchMemberTotals.currency,
      members: sql<number>`sum(${batchMemberTotals.members})`,
      monthlyMinor: sql<number>`sum(${batchMemberTotals.monthlyMinor})`,
    })
    .from(batchMemberTotals)
    .where(
      and(
        eq(batchMemberTotals.batchId, notice.batchId),
        eq(batchMemberTotals.state, 'included'),
        gt(batchMemberTotals.members, 0),
      ),
    )
    .groupBy(batchMemberTotals.currency)
    .orderBy(batchMemberTotals.currency)
    .all();
  return { ...head, proposer, to, money };
}

export type NoticeFacts = NonNullable<ReturnType<typeof noticeFacts>>;
