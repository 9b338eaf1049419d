import 'server-only';
import { and, asc, desc, eq, gt, inArray, lt, ne, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { BATCH_MEMBER_STATES } from '@/lib/domain/values';
import { executionJobKind } from './batch-execution';
import type { Db } from './client';
import { latestJobs } from './jobs';
import { preparedQuery } from './prepared';
import { batches, batchMembers, batchMemberTotals, campaigns, members, policyVersions, staff } from './schema';
import type { BatchStatus } from './schema/batches';
import type { JobRow } from './schema/staff';

// Read side of cancellation batches: only the fields the pages show.

export type { JobRow };

type MemberState = (typeof BATCH_MEMBER_STATES)[number];

export type BatchListRow = {
  id: number;
  campaignId: number;
  campaignName: string | null;
  status: BatchStatus;
  proposedAt: number;
  proposer: string | null;
  included: number;
  excluded: number;
  cancelled: number;
  skipped: number;
};

// Every figure of a batch comes from batch_member_totals (kept by triggers, migration 0030): a few
// dozen rows per batch however many members it holds.
const T = batchMemberTotals;
const stateCount = (state: MemberState) => sql<number | null>`sum(iif(${T.state} = ${state}, ${T.members}, 0))`;
const ofBatch = (id: number | Placeholder) => and(eq(T.batchId, id), gt(T.members, 0));
/** Members still to cancel in each `batches` row of the enclosing query. */
export const includedMembers = sql<number>`(SELECT coalesce(sum(t.members), 0) FROM ${T} t WHERE t.batch_id = ${batches.id} AND t.state = 'included')`;

/** Newest first, keyset by id. */
export function listBatches(db: Db, opts: { beforeId?: number; status?: BatchStatus; limit: number }): BatchListRow[] {
  const heads = db
    .select({
      id: batches.id,
      campaignId: batches.campaignId,
      campaignName: campaigns.name,
      status: batches.status,
      proposedAt: batches.proposedAt,
      proposer: staff.email,
    })
    .from(batches)
    .leftJoin(campaigns, eq(campaigns.id, batches.campaignId))
    .leftJoin(staff, eq(staff.id, batches.proposerId))
    .where(
      and(
        opts.beforeId != null ? lt(batches.id, opts.beforeId) : undefined,
        opts.status != null ? eq(batches.status, opts.status) : undefined,
      ),
    )
    .orderBy(desc(batches.id))
    .limit(opts.limit)
    .all();
  // One grouped read of the shown batches' totals, not one query per row.
  const counts = new Map(
    heads.length === 0
      ? []
      : db
          .select({
            batchId: T.batchId,
            included: stateCount('included'),
            excluded: stateCount('excluded'),
            cancelled: stateCount('cancelled'),
            skipped: stateCount('skipped'),
          })
          .from(T)
          .where(
            and(
              inArray(
                T.batchId,
                heads.map((h) => h.id),
              ),
              gt(T.members, 0),
            ),
          )
          .groupBy(T.batchId)
          .all()
          .map((c) => [c.batchId, c]),
  );
  return heads.map((h) => {
    const c = counts.get(h.id);
    return {
      ...h,
      included: c?.included ?? 0,
      excluded: c?.excluded ?? 0,
      cancelled: c?.cancelled ?? 0,
      skipped: c?.skipped ?? 0,
    };
  });
}

const proposerStaff = alias(staff, 'sp');
const deciderStaff = alias(staff, 'sd');
const executorStaff = alias(staff, 'se');

// The batch page's reads are prepared once per connection (db/prepared.ts): small reads whose
// building and preparing cost more than running them, on every view of the page.
function batchQuery(db: Db) {
  return db
    .select({
      id: batches.id,
      status: batches.status,
      campaignId: batches.campaignId,
      campaignName: campaigns.name,
      policyVersionId: batches.policyVersionId,
      neverWatchedDays: policyVersions.neverWatchedDays,
      inactiveDays: policyVersions.inactiveDays,
      retentionDays: policyVersions.retentionDays,
      proposedAt: batches.proposedAt,
      proposerId: batches.proposerId,
      proposer: proposerStaff.email,
      submittedAt: batches.submittedAt,
      decidedBy: deciderStaff.email,
      decidedAt: batches.decidedAt,
      decisionComment: batches.decisionComment,
      executedBy: executorStaff.email,
      executedAt: batches.executedAt,
    })
    .from(batches)
    .leftJoin(campaigns, eq(campaigns.id, batches.campaignId))
    .leftJoin(policyVersions, eq(policyVersions.id, batches.policyVersionId))
    .leftJoin(proposerStaff, eq(proposerStaff.id, batches.proposerId))
    .leftJoin(deciderStaff, eq(deciderStaff.id, batches.decidedBy))
    .leftJoin(executorStaff, eq(executorStaff.id, batches.executedBy))
    .where(eq(batches.id, sql.placeholder('id')))
    .prepare();
}

export function getBatch(db: Db, id: number) {
  return preparedQuery(db, batchQuery).get({ id });
}

export type BatchDetail = NonNullable<ReturnType<typeof getBatch>>;

const monthlyMinor = sql<number>`sum(${T.monthlyMinor})`;
const memberCount = sql<number>`sum(${T.members})`;

/** Members and monthly price per state and currency (integer sums). */
function totalsQuery(db: Db) {
  return db
    .select({ state: T.state, currency: T.currency, members: memberCount, monthlyMinor })
    .from(T)
    .where(ofBatch(sql.placeholder('id')))
    .groupBy(T.state, T.currency)
    .orderBy(T.state, T.currency)
    .prepare();
}

export function batchTotals(db: Db, id: number) {
  return preparedQuery(db, totalsQuery).all({ id });
}

export type StateCurrencyTotal = ReturnType<typeof batchTotals>[number];

function breakdownQuery(db: Db) {
  return db
    .select({ country: T.country, plan: T.plan, currency: T.currency, members: memberCount, monthlyMinor })
    .from(T)
    .where(and(ofBatch(sql.placeholder('id')), sql`${T.state} IN (SELECT value FROM json_each(${sql.placeholder('states')}))`))
    .groupBy(T.country, T.plan, T.currency)
    .orderBy(desc(memberCount), T.country, T.plan)
    .prepare();
}

/** Country × plan breakdown of the members in the given states. */
export function batchBreakdown(db: Db, id: number, states: readonly MemberState[]) {
  return preparedQuery(db, breakdownQuery).all({ id, states: JSON.stringify(states) });
}

export type BreakdownRow = ReturnType<typeof batchBreakdown>[number];

const memberColumns = {
  memberId: batchMembers.memberId,
  accountId: members.accountId,
  email: members.email,
  country: batchMembers.country,
  plan: batchMembers.plan,
  priceMinor: batchMembers.priceMinor,
  currency: batchMembers.currency,
  state: batchMembers.state,
  reason: batchMembers.reason,
};

export type BatchMemberRow = {
  memberId: number;
  accountId: string;
  email: string | null;
  country: string;
  plan: string;
  priceMinor: number;
  currency: string;
  state: MemberState;
  reason: string | null;
};

/**
 * One page of a batch's members, keyset by member id. `q` finds one member by exact account id
 * or email (both indexed), so a search never scans the batch.
 */
export function batchMembersPage(
  db: Db,
  id: number,
  opts: { afterId?: number; q?: string; state?: MemberState; limit: number },
): BatchMemberRow[] {
  const inState = opts.state ? eq(batchMembers.state, opts.state) : undefined;
  if (opts.q) {
    return db
      .select(memberColumns)
      .from(members)
      .innerJoin(batchMembers, and(eq(batchMembers.batchId, id), eq(batchMembers.memberId, members.id)))
      .where(and(or(eq(members.accountId, opts.q), eq(members.email, sql`lower(${opts.q})`)), inState))
      .orderBy(asc(members.id))
      .limit(opts.limit)
      .all();
  }
  const params = { id, after: opts.afterId ?? 0, limit: opts.limit };
  return opts.state
    ? preparedQuery(db, membersInStateQuery).all({ ...params, state: opts.state })
    : preparedQuery(db, membersQuery).all(params);
}

/** A page of the batch's members after a member id (keyset), in one state or all. */
const memberPageQuery = (db: Db, inState?: SQL) =>
  db
    .select(memberColumns)
    .from(batchMembers)
    .innerJoin(members, eq(members.id, batchMembers.memberId))
    .where(and(eq(batchMembers.batchId, sql.placeholder('id')), gt(batchMembers.memberId, sql.placeholder('after')), inState))
    .orderBy(asc(batchMembers.memberId))
    .limit(sql.placeholder('limit'))
    .prepare();
const membersQuery = (db: Db) => memberPageQuery(db);
const membersInStateQuery = (db: Db) => memberPageQuery(db, eq(batchMembers.state, sql.placeholder('state')));

/** How many members an executed batch skipped, per reason, most first. */
export function skipReasonCounts(db: Db, id: number) {
  return preparedQuery(db, skipReasonsQuery).all({ id });
}

function skipReasonsQuery(db: Db) {
  return db
    .select({ reason: T.reason, n: memberCount })
    .from(T)
    .where(and(ofBatch(sql.placeholder('id')), eq(T.state, 'skipped')))
    .groupBy(T.reason)
    .orderBy(desc(memberCount))
    .prepare();
}

/** Submitted batches an approver may decide: not proposed by them. Oldest first. */
export function batchesWaitingFor(db: Db, staffId: number) {
  return db
    .select({
      id: batches.id,
      campaignName: campaigns.name,
      submittedAt: batches.submittedAt,
      proposer: staff.email,
      members: includedMembers,
    })
    .from(batches)
    .leftJoin(campaigns, eq(campaigns.id, batches.campaignId))
    .leftJoin(staff, eq(staff.id, batches.proposerId))
    .where(and(eq(batches.status, 'submitted'), ne(batches.proposerId, staffId)))
    .orderBy(asc(batches.submittedAt))
    .all();
}

export type WaitingBatch = ReturnType<typeof batchesWaitingFor>[number];

/** The latest execution attempt of a batch (the jobs row written before the work starts). */
export function executionJob(db: Db, batchId: number): JobRow | undefined {
  return latestJobs(db, executionJobKind(batchId), 1)[0];
}
