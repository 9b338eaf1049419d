import 'server-only';
import type Database from 'better-sqlite3';
import { and, asc, eq, getTableColumns, gt, inArray, isNotNull, lte, ne, or, sql } from 'drizzle-orm';
import type { CampaignDraft, VariantDraft } from '@/lib/domain/campaigns/draft';
import { parseSegment } from '@/lib/domain/campaigns/segment';
import { runQueue } from './campaigns.sql';
import { type Db, drizzleFor } from './client';
import { preparedQuery } from './prepared';
import {
  type CampaignStatus,
  campaignMembers,
  campaignMemberTotals,
  campaigns,
  campaignVariants,
  campaignVariantTranslations,
  policyVersions,
} from './schema';
import { currentPolicyRow, registerCampaignFunctions, segmentSql } from './segments';
import type { Tx } from './unit-of-work';

// Campaign rows and their lifecycle up to queueing, plus closing at the deadline.
// draft → scheduled (queued: every segment member assigned or excluded) → sending (delivery takes
// over) → awaiting_responses (set by delivery) → closed at the deadline. draft/scheduled → cancelled.
// The rules and the audit entries are the use cases' (lib/campaigns/); these functions read and
// write inside the transaction they are given and never open one.

const { membersFlaggedAt: _flags, ...CAMPAIGN_COLUMNS } = getTableColumns(campaigns);
export type CampaignRow = Omit<typeof campaigns.$inferSelect, 'membersFlaggedAt'>;
export type VariantRow = VariantDraft & { id: number };

// The campaign page's reads (on every view: the campaign, its variants, the due checks) are prepared
// once per connection (db/prepared.ts): building and preparing them cost more than running them.
const byId = sql.placeholder('id');
const byCampaign = sql.placeholder('campaignId');
const dueAt = sql.placeholder('at');
const campaignQuery = (db: Db) => db.select(CAMPAIGN_COLUMNS).from(campaigns).where(eq(campaigns.id, byId)).prepare();

export function getCampaign(sqlite: Database.Database, id: number): CampaignRow | undefined {
  return preparedQuery(drizzleFor(sqlite), campaignQuery).get({ id });
}

function variantsQuery(db: Db) {
  return db
    .select({
      id: campaignVariants.id,
      key: sql<VariantRow['key']>`${campaignVariants.key}`,
      name: campaignVariants.name,
      splitPct: campaignVariants.splitPct,
      offer: campaignVariants.offer,
      subjectTemplate: campaignVariants.subjectTemplate,
      bodyTemplate: campaignVariants.bodyTemplate,
    })
    .from(campaignVariants)
    .where(eq(campaignVariants.campaignId, byCampaign))
    .orderBy(asc(campaignVariants.key))
    .prepare();
}

function translationsQuery(db: Db) {
  return db
    .select({
      variantId: campaignVariantTranslations.variantId,
      language: campaignVariantTranslations.language,
      subjectTemplate: campaignVariantTranslations.subjectTemplate,
      bodyTemplate: campaignVariantTranslations.bodyTemplate,
    })
    .from(campaignVariantTranslations)
    .innerJoin(campaignVariants, eq(campaignVariants.id, campaignVariantTranslations.variantId))
    .where(eq(campaignVariants.campaignId, byCampaign))
    .orderBy(asc(campaignVariantTranslations.variantId), asc(campaignVariantTranslations.language))
    .prepare();
}

export function getVariants(sqlite: Database.Database, campaignId: number): VariantRow[] {
  const db = drizzleFor(sqlite);
  const rows = preparedQuery(db, variantsQuery).all({ campaignId });
  const translations = preparedQuery(db, translationsQuery).all({ campaignId });
  return rows.map((v) => ({
    ...v,
    translations: translations.filter((t) => t.variantId === v.id).map(({ variantId: _v, ...t }) => t),
  }));
}

export function campaignDraft(sqlite: Database.Database, c: CampaignRow): CampaignDraft {
  return {
    name: c.name,
    channel: c.channel,
    defaultLanguage: c.defaultLanguage,
    holdoutPct: c.holdoutPct,
    segment: parseSegment(c.segment),
    variants: getVariants(sqlite, c.id).map(({ id: _id, ...v }) => v),
  };
}

/** The response window (days) of a policy version, if it exists. */
export function responseDaysOf(sqlite: Database.Database, policyVersionId: number): number | undefined {
  return drizzleFor(sqlite)
    .select({ d: policyVersions.responseDays })
    .from(policyVersions)
    .where(eq(policyVersions.id, policyVersionId))
    .get()?.d;
}

function writeVariants(tx: Tx, campaignId: number, variants: VariantDraft[]) {
  const old = tx.db.select({ id: campaignVariants.id }).from(campaignVariants).where(eq(campaignVariants.campaignId, campaignId));
  tx.db.delete(campaignVariantTranslations).where(inArray(campaignVariantTranslations.variantId, old)).run();
  tx.db.delete(campaignVariants).where(eq(campaignVariants.campaignId, campaignId)).run();
  for (const { translations, ...v } of variants) {
    const { id } = tx.db
      .insert(campaignVariants)
      .values({ campaignId, ...v })
      .returning({ id: campaignVariants.id })
      .get();
    for (const t of translations)
      tx.db
        .insert(campaignVariantTranslations)
        .values({ variantId: id, ...t })
        .run();
  }
}

/** A new draft with its variants; returns its id. */
export function insertCampaign(
  tx: Tx,
  d: CampaignDraft,
  o: { policyVersionId: number; seed: number; createdBy: number; at: number; alwaysOn?: boolean },
): number {
  const { id } = tx.db
    .insert(campaigns)
    .values({
      name: d.name,
      status: 'draft',
      policyVersionId: o.policyVersionId,
      segment: JSON.stringify(d.segment),
      channel: d.channel,
      defaultLanguage: d.defaultLanguage,
      holdoutPct: d.holdoutPct,
      seed: o.seed,
      alwaysOn: o.alwaysOn ?? false,
      createdBy: o.createdBy,
      createdAt: o.at,
      updatedAt: o.at,
    })
    .returning({ id: campaigns.id })
    .get();
  writeVariants(tx, id, d.variants);
  return id;
}

/** Rewrites a draft (only while it is one) and its variants. */
export function updateDraftRow(tx: Tx, id: number, d: CampaignDraft, at: number) {
  tx.db
    .update(campaigns)
    .set({
      name: d.name,
      segment: JSON.stringify(d.segment),
      channel: d.channel,
      defaultLanguage: d.defaultLanguage,
      holdoutPct: d.holdoutPct,
      updatedAt: at,
    })
    .where(and(eq(campaigns.id, id), eq(campaigns.status, 'draft')))
    .run();
  writeVariants(tx, id, d.variants);
}

/** draft → scheduled, recording the policy version queueing used. */
export function markScheduled(
  tx: Tx,
  id: number,
  o: { policyVersionId: number; sendAt: number; deadlineAt: number | null; at: number },
) {
  tx.db
    .update(campaigns)
    .set({
      status: 'scheduled',
      policyVersionId: o.policyVersionId,
      scheduledAt: o.sendAt,
      deadlineAt: o.deadlineAt,
      updatedAt: o.at,
    })
    .where(and(eq(campaigns.id, id), eq(campaigns.status, 'draft')))
    .run();
}

/** scheduled → sending; false when it was no longer scheduled. */
export function markSending(tx: Tx, id: number, at: number, deadlineAt: number): boolean {
  return (
    tx.db
      .update(campaigns)
      .set({ status: 'sending', sendStartedAt: at, deadlineAt, updatedAt: at })
      .where(and(eq(campaigns.id, id), eq(campaigns.status, 'scheduled')))
      .run().changes > 0
  );
}

/** `from` → cancelled (queued assignments stay for the record). */
export function markCancelled(tx: Tx, id: number, from: CampaignStatus, at: number) {
  tx.db
    .update(campaigns)
    .set({ status: 'cancelled', updatedAt: at })
    .where(and(eq(campaigns.id, id), eq(campaigns.status, from)))
    .run();
}

/**
 * `from` → closed, with every pending assigned recipient (holdout included) answered 'no_response';
 * returns how many, or null when the campaign was no longer in `from`.
 */
export function closeCampaignRow(tx: Tx, id: number, from: CampaignStatus, at: number): number | null {
  const r = tx.db
    .update(campaigns)
    .set({ status: 'closed', closedAt: at, updatedAt: at })
    .where(and(eq(campaigns.id, id), eq(campaigns.status, from)))
    .run();
  if (!r.changes) return null;
  return tx.db
    .update(campaignMembers)
    .set({ outcome: 'no_response' })
    .where(
      and(
        eq(campaignMembers.campaignId, id),
        eq(campaignMembers.outcome, 'pending'),
        or(ne(campaignMembers.status, 'excluded'), isNotNull(campaignMembers.variantId)),
      ),
    )
    .run().changes;
}

function dueToStartQuery(db: Db) {
  return db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.status, 'scheduled'), lte(campaigns.scheduledAt, dueAt)))
    .orderBy(asc(campaigns.id))
    .prepare();
}

/** Scheduled campaigns whose send time has come, oldest first. */
export function dueToStart(sqlite: Database.Database, at: number): number[] {
  return preparedQuery(drizzleFor(sqlite), dueToStartQuery)
    .all({ at })
    .map((r) => r.id);
}

function dueToCloseQuery(db: Db) {
  return db
    .select({ id: campaigns.id, status: campaigns.status })
    .from(campaigns)
    .where(and(inArray(campaigns.status, ['sending', 'paused', 'awaiting_responses']), lte(campaigns.deadlineAt, dueAt)))
    .orderBy(asc(campaigns.id))
    .prepare();
}

/** Open campaigns whose response deadline has passed, oldest first. Cheap: an index lookup on status. */
export function dueToClose(sqlite: Database.Database, at: number): { id: number; status: CampaignStatus }[] {
  return preparedQuery(drizzleFor(sqlite), dueToCloseQuery).all({ at });
}

export type QueueCounts = { holdout: number; queued: number; excluded: number };

function recipientsByStatusQuery(db: Db) {
  // From the totals the triggers keep (decision 036), not a count over up to 900,000 recipients.
  const t = campaignMemberTotals;
  return db
    .select({ status: t.status, n: sql<number>`sum(${t.members})` })
    .from(t)
    .where(and(eq(t.campaignId, byCampaign), gt(t.members, 0)))
    .groupBy(t.status)
    .prepare();
}

/** A campaign's recipients by status (index-only over cm_campaign_status_idx). */
export function recipientsByStatus(sqlite: Database.Database, campaignId: number) {
  return preparedQuery(drizzleFor(sqlite), recipientsByStatusQuery).all({ campaignId });
}

/**
 * Queues a campaign's members with the one set-based statement (campaigns.sql.ts): no status
 * checks, the schedule use case does those in its unit of work. Takes the connection the unit of
 * work runs on (tx.sqlite); the benchmark calls it the same way for 900,000 recipients.
 */
export function queueCampaignMembers(sqlite: Database.Database, campaignId: number, at: number): QueueCounts {
  registerCampaignFunctions(sqlite);
  const c = getCampaign(sqlite, campaignId);
  if (!c) throw new Error(`No campaign ${campaignId}`);
  const q = segmentSql(parseSegment(c.segment), currentPolicyRow(sqlite), at);
  runQueue(sqlite, c, getVariants(sqlite, campaignId), q, campaignId, at);
  const counts = { holdout: 0, queued: 0, excluded: 0 };
  for (const r of recipientsByStatus(sqlite, campaignId))
    if (r.status === 'holdout' || r.status === 'queued' || r.status === 'excluded') counts[r.status] = r.n;
  return counts;
}
