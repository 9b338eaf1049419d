import 'server-only';
import type Database from 'better-sqlite3';
import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { CampaignDraft } from '@/lib/domain/campaigns/draft';
import { parseSegment } from '@/lib/domain/campaigns/segment';
import type { CampaignStatus } from '@/lib/domain/values';
import { type CampaignRow, getVariants, recipientsByStatus } from './campaigns';
import { runQueue } from './campaigns.sql';
import { drizzleFor } from './client';
import { batches, campaignMembers, campaigns, campaignVariants } from './schema';
import { currentPolicyRow, registerCampaignFunctions, segmentSql } from './segments';
import type { Tx } from './unit-of-work';

// Always-on campaigns: the definition row, its dated cohorts (campaign rows with
// parent_campaign_id and cohort_day), and the reads behind its page. Rules and audit entries are
// the use cases' (lib/campaigns/always-on.ts); these read and write inside the transaction given.

/** Always-on campaigns enrolling now, oldest first. */
export function enrollingCampaigns(sqlite: Database.Database): number[] {
  return drizzleFor(sqlite)
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.alwaysOn, true), eq(campaigns.status, 'enrolling')))
    .orderBy(asc(campaigns.id))
    .all()
    .map((r) => r.id);
}

/** The cohort of an always-on campaign for a day, if enrolled. */
export function cohortFor(sqlite: Database.Database, parentId: number, day: string): number | undefined {
  return drizzleFor(sqlite)
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.parentCampaignId, parentId), eq(campaigns.cohortDay, day)))
    .get()?.id;
}

/** A new cohort (status draft until queued), copying the definition's settings and variants. */
export function insertCohort(
  tx: Tx,
  parent: CampaignRow,
  o: { day: string; name: string; seed: number; policyVersionId: number; at: number },
): number {
  const { id } = tx.db
    .insert(campaigns)
    .values({
      name: o.name,
      status: 'draft',
      policyVersionId: o.policyVersionId,
      segment: parent.segment,
      channel: parent.channel,
      holdoutPct: parent.holdoutPct,
      seed: o.seed,
      parentCampaignId: parent.id,
      cohortDay: o.day,
      createdBy: parent.createdBy,
      createdAt: o.at,
      updatedAt: o.at,
    })
    .returning({ id: campaigns.id })
    .get();
  for (const { id: _id, ...v } of getVariants(tx.sqlite, parent.id))
    tx.db
      .insert(campaignVariants)
      .values({ campaignId: id, ...v })
      .run();
  return id;
}

/** Removes a cohort nobody was enrolled in (same transaction), so an empty day leaves no row. */
export function deleteEmptyCohort(tx: Tx, id: number) {
  tx.db.delete(campaignVariants).where(eq(campaignVariants.campaignId, id)).run();
  tx.db
    .delete(campaigns)
    .where(and(eq(campaigns.id, id), eq(campaigns.status, 'draft')))
    .run();
}

/**
 * Enrols a cohort's members with the queueing statement, reachable members only (suppressed,
 * frequency-capped and unreachable ones are left for no row). Returns holdout and queued counts.
 */
export function queueCohortMembers(sqlite: Database.Database, cohortId: number, segment: string, at: number) {
  registerCampaignFunctions(sqlite);
  const c = drizzleFor(sqlite)
    .select({ channel: campaigns.channel, holdoutPct: campaigns.holdoutPct, seed: campaigns.seed })
    .from(campaigns)
    .where(eq(campaigns.id, cohortId))
    .get();
  if (!c) throw new Error(`No cohort ${cohortId}`);
  const q = segmentSql(parseSegment(segment), currentPolicyRow(sqlite), at);
  runQueue(sqlite, c, getVariants(sqlite, cohortId), q, cohortId, at, { reachableOnly: true });
  const counts = { holdout: 0, queued: 0 };
  for (const r of recipientsByStatus(sqlite, cohortId))
    if (r.status === 'holdout' || r.status === 'queued') counts[r.status] = r.n;
  return counts;
}

/** An always-on draft starts enrolling, recording the policy version and when it started. */
export function markEnrolling(tx: Tx, id: number, policyVersionId: number, at: number) {
  tx.db
    .update(campaigns)
    .set({ status: 'enrolling', policyVersionId, scheduledAt: at, sendStartedAt: at, updatedAt: at })
    .where(and(eq(campaigns.id, id), eq(campaigns.alwaysOn, true), eq(campaigns.status, 'draft')))
    .run();
}

/** Moves a campaign between statuses (only if it is still in `from`); true when it moved. */
export function switchStatus(tx: Tx, id: number, from: CampaignStatus, to: CampaignStatus, at: number): boolean {
  return (
    tx.db
      .update(campaigns)
      .set({ status: to, updatedAt: at })
      .where(and(eq(campaigns.id, id), eq(campaigns.status, from)))
      .run().changes > 0
  );
}

/** Moves every cohort of an always-on campaign in `from` to `to`; returns their ids. */
export function switchCohorts(tx: Tx, parentId: number, from: CampaignStatus, to: CampaignStatus, at: number): number[] {
  return tx.db
    .update(campaigns)
    .set({ status: to, updatedAt: at })
    .where(and(eq(campaigns.parentCampaignId, parentId), eq(campaigns.status, from)))
    .returning({ id: campaigns.id })
    .all()
    .map((r) => r.id);
}

/** Rewrites a started always-on campaign's definition: only cohorts enrolled later use it. */
export function updateDefinitionRow(tx: Tx, id: number, d: CampaignDraft, at: number) {
  const r = tx.db
    .update(campaigns)
    .set({ name: d.name, segment: JSON.stringify(d.segment), channel: d.channel, holdoutPct: d.holdoutPct, updatedAt: at })
    .where(and(eq(campaigns.id, id), eq(campaigns.alwaysOn, true), inArray(campaigns.status, ['enrolling', 'enrolment_paused'])))
    .run();
  if (!r.changes) return false;
  tx.db.delete(campaignVariants).where(eq(campaignVariants.campaignId, id)).run();
  for (const v of d.variants)
    tx.db
      .insert(campaignVariants)
      .values({ campaignId: id, ...v })
      .run();
  return true;
}

/** The cohorts of an always-on campaign, newest day first, with their batch if one was proposed. */
export function listCohorts(sqlite: Database.Database, parentId: number) {
  return drizzleFor(sqlite)
    .select({
      id: campaigns.id,
      day: sql<string>`${campaigns.cohortDay}`,
      status: campaigns.status,
      deadlineAt: campaigns.deadlineAt,
      batchId: sql<number | null>`(SELECT min(${batches.id}) FROM ${batches} WHERE ${batches.campaignId} = ${campaigns.id})`,
      batchStatus: sql<
        string | null
      >`(SELECT ${batches.status} FROM ${batches} WHERE ${batches.campaignId} = ${campaigns.id} ORDER BY ${batches.id} LIMIT 1)`,
    })
    .from(campaigns)
    .where(eq(campaigns.parentCampaignId, parentId))
    .orderBy(desc(campaigns.cohortDay))
    .all();
}
export type CohortListRow = ReturnType<typeof listCohorts>[number];

/** Recipient counts of every cohort, by cohort, variant key, status and outcome (the report's rows). */
export function cohortMemberCounts(sqlite: Database.Database, parentId: number) {
  return drizzleFor(sqlite)
    .select({
      cohortId: campaignMembers.campaignId,
      variantId: campaignMembers.variantId,
      variantKey: campaignVariants.key,
      status: campaignMembers.status,
      outcome: campaignMembers.outcome,
      n: sql<number>`count(*)`,
    })
    .from(campaigns)
    .innerJoin(campaignMembers, eq(campaignMembers.campaignId, campaigns.id))
    .leftJoin(campaignVariants, eq(campaignVariants.id, campaignMembers.variantId))
    .where(eq(campaigns.parentCampaignId, parentId))
    .groupBy(campaignMembers.campaignId, campaignMembers.status, campaignMembers.outcome, campaignMembers.variantId)
    .all();
}

/** Sent but never reached (bounced), over every cohort, by variant key (the partial cm_bounced_idx). */
export function cohortNotReachedByKey(sqlite: Database.Database, parentId: number): Map<string, number> {
  const rows = drizzleFor(sqlite)
    .select({ key: campaignVariants.key, n: sql<number>`count(*)` })
    .from(campaigns)
    .innerJoin(campaignMembers, eq(campaignMembers.campaignId, campaigns.id))
    .innerJoin(campaignVariants, eq(campaignVariants.id, campaignMembers.variantId))
    .where(and(eq(campaigns.parentCampaignId, parentId), isNotNull(campaignMembers.bouncedAt)))
    .groupBy(campaignVariants.key)
    .all();
  return new Map(rows.map((r) => [r.key, r.n]));
}

/** The newest cohorts of every always-on campaign, for the Operations page. */
export function recentCohorts(sqlite: Database.Database, limit = 30) {
  // Joined, not correlated subqueries: in a one-table select Drizzle leaves column names unqualified,
  // and inside a subquery they resolve to the subquery's own table.
  const parent = alias(campaigns, 'parent');
  return drizzleFor(sqlite)
    .select({
      campaignId: campaigns.id,
      parentId: parent.id,
      campaign: parent.name,
      day: sql<string>`${campaigns.cohortDay}`,
      status: campaigns.status,
      enrolled: count(campaignMembers.id),
    })
    .from(campaigns)
    .innerJoin(parent, eq(parent.id, campaigns.parentCampaignId))
    .leftJoin(campaignMembers, eq(campaignMembers.campaignId, campaigns.id))
    .groupBy(campaigns.id)
    .orderBy(desc(campaigns.cohortDay), asc(campaigns.id))
    .limit(limit)
    .all();
}
