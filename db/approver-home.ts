import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { includedMembers } from './batch-queries';
import type { Db } from './client';
import { batches, campaigns, staffNotices } from './schema';

// What the approvers' home shows beside the batches waiting for them (db/batch-queries.ts
// batchesWaitingFor): proposals nobody has submitted yet, and the emails sent to this person.

/** Proposed batches not yet submitted for approval, oldest first. */
export function proposedNotSubmitted(db: Db) {
  return db
    .select({ id: batches.id, campaignName: campaigns.name, proposedAt: batches.proposedAt, members: includedMembers })
    .from(batches)
    .leftJoin(campaigns, eq(campaigns.id, batches.campaignId))
    .where(eq(batches.status, 'proposed'))
    .orderBy(asc(batches.proposedAt), asc(batches.id))
    .all();
}

export type ProposedBatch = ReturnType<typeof proposedNotSubmitted>[number];

/** The latest emails about batches addressed to this staff member, newest first. */
export function noticesFor(db: Db, staffId: number, limit = 20) {
  return db
    .select({
      id: staffNotices.id,
      batchId: staffNotices.batchId,
      campaignName: campaigns.name,
      kind: staffNotices.kind,
      status: staffNotices.status,
      createdAt: staffNotices.createdAt,
      sentAt: staffNotices.sentAt,
    })
    .from(staffNotices)
    .innerJoin(batches, eq(batches.id, staffNotices.batchId))
    .leftJoin(campaigns, eq(campaigns.id, batches.campaignId))
    .where(eq(staffNotices.staffId, staffId))
    .orderBy(desc(staffNotices.createdAt), desc(staffNotices.id))
    .limit(limit)
    .all();
}

export type StaffNoticeRow = ReturnType<typeof noticesFor>[number];

/** When this staff member's reminder about each of these batches was sent (batches without one left out). */
export function remindersSentTo(db: Db, staffId: number, batchIds: readonly number[]): Map<number, number> {
  if (!batchIds.length) return new Map();
  const rows = db
    .select({ batchId: staffNotices.batchId, sentAt: staffNotices.sentAt })
    .from(staffNotices)
    .where(
      and(
        eq(staffNotices.staffId, staffId),
        eq(staffNotices.kind, 'reminder'),
        eq(staffNotices.status, 'sent'),
        inArray(staffNotices.batchId, [...batchIds]),
      ),
    )
    .all();
  return new Map(rows.flatMap((r) => (r.sentAt == null ? [] : [[r.batchId, r.sentAt] as const])));
}
