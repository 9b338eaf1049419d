import 'server-only';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { assignArmSql } from '@/lib/domain/campaigns/assignment';
import type { CampaignDraft, VariantDraft } from '@/lib/domain/campaigns/draft';
import { firstName, formatPrice, OFFER_TEXT } from '@/lib/domain/campaigns/message-vars';
import { parseSegment, type SegmentFilters } from '@/lib/domain/campaigns/segment';
import { Refusal } from '@/lib/domain/refusal';
import { type Actor, audit, SYSTEM_ACTOR } from './audit';
import { proposalAudit, proposeBatch } from './batch-proposal';
import type { Db } from './client';
import type { CampaignStatus } from './schema';
import {
  type Channel,
  countSegment,
  currentPolicyRow,
  exclusionSql,
  FREQUENCY_CAP_DAYS,
  recipientChannelSql,
  registerCampaignFunctions,
  segmentSql,
} from './segments';

// Campaign rows and their lifecycle up to queueing, plus closing at the deadline.
// draft → scheduled (queued: every segment member assigned or excluded) → sending (delivery takes
// over) → awaiting_responses (set by delivery) → closed at the deadline. draft/scheduled → cancelled.

const DAY_MS = 86_400_000;

const dbs = new WeakMap<Database.Database, Db>();
function dbOf(sqlite: Database.Database): Db {
  let db = dbs.get(sqlite);
  if (!db) {
    db = drizzle(sqlite) as unknown as Db;
    dbs.set(sqlite, db);
  }
  return db;
}

export type CampaignRow = {
  id: number;
  name: string;
  status: CampaignStatus;
  policyVersionId: number;
  segment: string;
  channel: Channel;
  holdoutPct: number;
  seed: number;
  scheduledAt: number | null;
  sendStartedAt: number | null;
  deadlineAt: number | null;
  closedAt: number | null;
  createdBy: number;
  createdAt: number;
  updatedAt: number;
};
export type VariantRow = VariantDraft & { id: number };

const CAMPAIGN_COLS = `id, name, status, policy_version_id AS policyVersionId, segment, channel, holdout_pct AS holdoutPct, seed,
  scheduled_at AS scheduledAt, send_started_at AS sendStartedAt, deadline_at AS deadlineAt, closed_at AS closedAt,
  created_by AS createdBy, created_at AS createdAt, updated_at AS updatedAt`;

export function getCampaign(sqlite: Database.Database, id: number): CampaignRow | undefined {
  return sqlite.prepare(`SELECT ${CAMPAIGN_COLS} FROM campaigns WHERE id = ?`).get(id) as CampaignRow | undefined;
}

export function getVariants(sqlite: Database.Database, campaignId: number): VariantRow[] {
  return sqlite
    .prepare(
      `SELECT id, key, name, split_pct AS splitPct, offer, subject_template AS subjectTemplate, body_template AS bodyTemplate
       FROM campaign_variants WHERE campaign_id = ? ORDER BY key`,
    )
    .all(campaignId) as VariantRow[];
}

export function campaignDraft(sqlite: Database.Database, c: CampaignRow): CampaignDraft {
  return {
    name: c.name,
    channel: c.channel,
    holdoutPct: c.holdoutPct,
    segment: parseSegment(c.segment),
    variants: getVariants(sqlite, c.id).map(({ id: _id, ...v }) => v),
  };
}

function refuseEmpty(sqlite: Database.Database, segment: SegmentFilters, at: number) {
  const n = countSegment(sqlite, segment, at);
  if (n === 0)
    throw new Refusal(
      'No dormant member matches this segment (after removing suppressed members and those already in a running campaign). Widen the filters. Nothing was saved.',
    );
  return n;
}

function writeVariants(sqlite: Database.Database, campaignId: number, variants: VariantDraft[]) {
  sqlite.prepare('DELETE FROM campaign_variants WHERE campaign_id = ?').run(campaignId);
  const ins = sqlite.prepare(
    `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, offer, subject_template, body_template)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const v of variants) ins.run(campaignId, v.key, v.name, v.splitPct, v.offer, v.subjectTemplate, v.bodyTemplate);
}

/** A new draft. The seed (for reproducible assignment) is fixed now and never changes. */
export function createCampaign(sqlite: Database.Database, actor: Actor, d: CampaignDraft, at: number, seed: number): number {
  return sqlite
    .transaction(() => {
      refuseEmpty(sqlite, d.segment, at);
      const policy = currentPolicyRow(sqlite);
      const { lastInsertRowid } = sqlite
        .prepare(
          `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, created_by, created_at, updated_at)
         VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(d.name, policy.id, JSON.stringify(d.segment), d.channel, d.holdoutPct, seed >>> 0, actor.id ?? 0, at, at);
      const id = Number(lastInsertRowid);
      writeVariants(sqlite, id, d.variants);
      audit(dbOf(sqlite), actor, { action: 'campaign.create', entityType: 'campaign', entityId: id, after: d, at });
      return id;
    })
    .immediate();
}

const SENT_STATUSES: CampaignStatus[] = ['sending', 'paused', 'awaiting_responses', 'closed'];

function refuseUnlessDraft(c: CampaignRow | undefined, what: string): asserts c is CampaignRow {
  if (!c) throw new Refusal('That campaign does not exist.');
  if (SENT_STATUSES.includes(c.status))
    throw new Refusal(`This campaign has already been sent, so it cannot be ${what}. Nothing was changed.`);
  if (c.status === 'scheduled')
    throw new Refusal(`This campaign is scheduled, so it cannot be ${what}: cancel it first. Nothing was changed.`);
  if (c.status === 'cancelled') throw new Refusal(`This campaign was cancelled, so it cannot be ${what}.`);
}

export function updateDraft(sqlite: Database.Database, actor: Actor, id: number, d: CampaignDraft, at: number) {
  sqlite
    .transaction(() => {
      const c = getCampaign(sqlite, id);
      refuseUnlessDraft(c, 'edited');
      refuseEmpty(sqlite, d.segment, at);
      const before = campaignDraft(sqlite, c);
      sqlite
        .prepare(
          'UPDATE campaigns SET name = ?, segment = ?, channel = ?, holdout_pct = ?, updated_at = ? WHERE id = ? AND status = ?',
        )
        .run(d.name, JSON.stringify(d.segment), d.channel, d.holdoutPct, at, id, 'draft');
      writeVariants(sqlite, id, d.variants);
      audit(dbOf(sqlite), actor, { action: 'campaign.edit', entityType: 'campaign', entityId: id, before, after: d, at });
    })
    .immediate();
}

export type QueueCounts = { holdout: number; queued: number; excluded: number };

/**
 * The set-based queueing statement: every member of the segment gets one campaign_members row —
 * excluded (with the first reason), holdout, or queued on a channel. Assignment by rk_arm_hash
 * (db/segments.ts registers it), so it is reproducible from campaign.seed.
 */
export function queueSql(
  c: Pick<CampaignRow, 'channel' | 'holdoutPct' | 'seed'>,
  variants: { id: number; splitPct: number }[],
  where: string,
) {
  // MATERIALIZED: computed once per member. Flattened, SQLite would re-evaluate the exclusion
  // subqueries and the hash at every mention below (measured ~7 hash calls per member instead of 2).
  return `WITH s AS MATERIALIZED (
  SELECT m.id, ${exclusionSql(c.channel)} AS reason, ${assignArmSql('m.id', c.seed, c.holdoutPct, variants)} AS arm,
    ${recipientChannelSql(c.channel)} AS ch
  FROM members m INDEXED BY members_segment_idx WHERE ${where})
INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, excluded_reason, assigned_at)
SELECT @campaignId, id,
  CASE WHEN reason IS NULL THEN arm END,
  CASE WHEN reason IS NULL AND arm IS NOT NULL THEN ch ELSE 'none' END,
  CASE WHEN reason IS NOT NULL THEN 'excluded' WHEN arm IS NULL THEN 'holdout' ELSE 'queued' END,
  reason, @at
FROM s ORDER BY id`;
}

/**
 * Queues a campaign's members (no status checks: scheduleCampaign does those in its transaction).
 * Exported with queueSql for the benchmark (900,000 recipients, assignment included).
 */
export function queueCampaignMembers(sqlite: Database.Database, campaignId: number, at: number): QueueCounts {
  registerCampaignFunctions(sqlite);
  const c = getCampaign(sqlite, campaignId);
  if (!c) throw new Error(`No campaign ${campaignId}`);
  const variants = getVariants(sqlite, campaignId);
  const q = segmentSql(parseSegment(c.segment), currentPolicyRow(sqlite), at);
  sqlite.prepare(queueSql(c, variants, q.where)).run({ ...q.params, campaignId, at, capSince: at - FREQUENCY_CAP_DAYS * DAY_MS });
  const counts = { holdout: 0, queued: 0, excluded: 0 };
  for (const r of sqlite
    .prepare('SELECT status, count(*) AS n FROM campaign_members WHERE campaign_id = ? GROUP BY status')
    .all(campaignId) as { status: keyof QueueCounts; n: number }[])
    counts[r.status] = r.n;
  return counts;
}

export type ScheduleInput = { sendAt: number | null; deadlineAt: number | null };

/**
 * Schedules a draft: validates, queues every segment member (one transaction), records the policy
 * version, and sets 'scheduled' (or 'sending' at once when sendAt is now or unset). A second call
 * finds the campaign no longer a draft and changes nothing, so nobody is queued twice.
 */
export function scheduleCampaign(sqlite: Database.Database, actor: Actor, id: number, input: ScheduleInput, at: number) {
  return sqlite
    .transaction(() => {
      const c = getCampaign(sqlite, id);
      if (c && c.status !== 'draft' && c.status !== 'cancelled')
        return { changed: false as const, message: 'This campaign is already scheduled or sent: nothing was done again.' };
      refuseUnlessDraft(c, 'scheduled');
      const sendAt = input.sendAt != null && input.sendAt > at ? input.sendAt : at;
      if (input.deadlineAt != null && input.deadlineAt <= at)
        throw new Refusal('The response deadline is in the past. Choose a later one. Nothing was changed.');
      if (input.deadlineAt != null && input.deadlineAt <= sendAt)
        throw new Refusal('The response deadline must come after the send time. Nothing was changed.');
      const policy = currentPolicyRow(sqlite);
      const counts = queueCampaignMembers(sqlite, id, at);
      if (counts.queued === 0 && counts.holdout === 0)
        throw new Refusal(
          counts.excluded
            ? `Every member of this segment is excluded (suppressed, contacted in the last ${FREQUENCY_CAP_DAYS} days, or no email), so nobody would be reached. Nothing was scheduled.`
            : 'No dormant member matches this segment any more. Nothing was scheduled.',
        );
      if (counts.queued === 0)
        throw new Refusal('Nobody would receive a message (everyone reachable fell in the holdout). Nothing was scheduled.');
      sqlite
        .prepare(
          `UPDATE campaigns SET status = 'scheduled', policy_version_id = ?, scheduled_at = ?, deadline_at = ?, updated_at = ?
         WHERE id = ? AND status = 'draft'`,
        )
        .run(policy.id, sendAt, input.deadlineAt, at, id);
      audit(dbOf(sqlite), actor, {
        action: 'campaign.schedule',
        entityType: 'campaign',
        entityId: id,
        before: { status: 'draft' },
        after: { status: 'scheduled', policyVersionId: policy.id, sendAt, deadlineAt: input.deadlineAt, ...counts },
        at,
      });
      if (sendAt <= at) startSending(sqlite, actor, id, at);
      return { changed: true as const, message: '', counts };
    })
    .immediate();
}

/** scheduled → sending, fixing the deadline (explicit, or send start + the policy's response window). */
function startSending(sqlite: Database.Database, actor: Actor, id: number, at: number) {
  const c = getCampaign(sqlite, id)!;
  const policy = sqlite.prepare('SELECT response_days AS d FROM policy_versions WHERE id = ?').get(c.policyVersionId) as
    | { d: number }
    | undefined;
  const deadline = c.deadlineAt ?? at + (policy?.d ?? 30) * DAY_MS;
  const r = sqlite
    .prepare(
      `UPDATE campaigns SET status = 'sending', send_started_at = ?, deadline_at = ?, updated_at = ? WHERE id = ? AND status = 'scheduled'`,
    )
    .run(at, deadline, at, id);
  if (r.changes)
    audit(dbOf(sqlite), actor, {
      action: 'campaign.start_sending',
      entityType: 'campaign',
      entityId: id,
      before: { status: 'scheduled' },
      after: { status: 'sending', sendStartedAt: at, deadlineAt: deadline },
      at,
    });
  return r.changes > 0;
}

/** "Send now" on a scheduled campaign. Idempotent: a second click finds it sending and does nothing. */
export function sendNow(sqlite: Database.Database, actor: Actor, id: number, at: number) {
  return sqlite
    .transaction(() => {
      const c = getCampaign(sqlite, id);
      if (!c) throw new Refusal('That campaign does not exist.');
      if (SENT_STATUSES.includes(c.status)) return { changed: false, message: 'Already sending: nothing was done again.' };
      if (c.status !== 'scheduled') throw new Refusal('Only a scheduled campaign can be sent. Schedule it first.');
      if (c.deadlineAt != null && c.deadlineAt <= at)
        throw new Refusal('Its response deadline has passed. Cancel it and start a new campaign.');
      startSending(sqlite, actor, id, at);
      return { changed: true, message: 'Sending started.' };
    })
    .immediate();
}

/** Draft or scheduled → cancelled (queued assignments stay for the record; nobody is messaged). */
export function cancelCampaign(sqlite: Database.Database, actor: Actor, id: number, at: number) {
  sqlite
    .transaction(() => {
      const c = getCampaign(sqlite, id);
      if (!c) throw new Refusal('That campaign does not exist.');
      if (c.status === 'cancelled') throw new Refusal('This campaign is already cancelled.');
      if (c.status !== 'draft' && c.status !== 'scheduled')
        throw new Refusal('This campaign has already started sending, so it can no longer be cancelled. Nothing was changed.');
      sqlite
        .prepare(`UPDATE campaigns SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = ?`)
        .run(at, id, c.status);
      audit(dbOf(sqlite), actor, {
        action: 'campaign.cancel',
        entityType: 'campaign',
        entityId: id,
        before: { status: c.status },
        after: { status: 'cancelled' },
        at,
      });
    })
    .immediate();
}

/** Starts scheduled campaigns whose send time has come (system). Cheap when none is due. */
export function startDueCampaigns(sqlite: Database.Database, at: number): number[] {
  const due = sqlite.prepare(`SELECT id FROM campaigns WHERE status = 'scheduled' AND scheduled_at <= ? ORDER BY id`).all(at) as {
    id: number;
  }[];
  const started: number[] = [];
  for (const { id } of due)
    if (sqlite.transaction(() => startSending(sqlite, SYSTEM_ACTOR, id, at)).immediate()) started.push(id);
  return started;
}

/**
 * Closes every campaign whose deadline has passed: pending recipients and holdout members get
 * outcome 'no_response', status 'closed', audited as system, and the cancellation batch is proposed
 * in the same transaction (so a closed campaign always has had its proposal made). Also starts
 * scheduled campaigns whose time came, so one call on a loop advances every clock-driven step.
 * Cheap when nothing is due (an index lookup on status).
 */
export function closeDueCampaigns(sqlite: Database.Database, at: number): number[] {
  startDueCampaigns(sqlite, at);
  const due = sqlite
    .prepare(
      `SELECT id, status FROM campaigns WHERE status IN ('sending', 'paused', 'awaiting_responses') AND deadline_at <= ? ORDER BY id`,
    )
    .all(at) as { id: number; status: CampaignStatus }[];
  const closed: number[] = [];
  for (const { id, status } of due) {
    try {
      sqlite
        .transaction(() => {
          const r = sqlite
            .prepare(`UPDATE campaigns SET status = 'closed', closed_at = ?, updated_at = ? WHERE id = ? AND status = ?`)
            .run(at, at, id, status);
          if (!r.changes) return;
          const nr = sqlite
            .prepare(
              `UPDATE campaign_members SET outcome = 'no_response'
               WHERE campaign_id = ? AND outcome = 'pending' AND (status <> 'excluded' OR variant_id IS NOT NULL)`,
            )
            .run(id);
          audit(dbOf(sqlite), SYSTEM_ACTOR, {
            action: 'campaign.close',
            entityType: 'campaign',
            entityId: id,
            before: { status },
            after: { status: 'closed', noResponse: nr.changes },
            at,
          });
          const proposal = proposeBatch({ db: dbOf(sqlite), sqlite }, id, at);
          if (proposal?.created) audit(dbOf(sqlite), SYSTEM_ACTOR, { ...proposalAudit(proposal), at });
          closed.push(id);
        })
        .immediate();
    } catch (err) {
      // Left open and retried on the next call; logged without personal data.
      console.error(`[campaigns] closing campaign ${id} failed:`, err instanceof Error ? err.message : 'unknown');
    }
  }
  return closed;
}

// ---------------------------------------------------------------------------------------------
// Reading: list and report

export type CampaignListRow = {
  id: number;
  name: string;
  status: CampaignStatus;
  policyVersionId: number;
  deadlineAt: number | null;
  sendStartedAt: number | null;
  createdAt: number;
  assigned: number;
  sent: number;
  wonBack: number;
};

/** Every campaign, newest first, with its counts (index-only over cm_campaign_status_idx). Assigned as in foldArms. */
export function listCampaigns(sqlite: Database.Database): CampaignListRow[] {
  return sqlite
    .prepare(
      `SELECT c.id, c.name, c.status, c.policy_version_id AS policyVersionId, c.deadline_at AS deadlineAt,
         c.send_started_at AS sendStartedAt, c.created_at AS createdAt,
         coalesce(sum(cm.status <> 'excluded' OR cm.variant_id IS NOT NULL), 0) AS assigned,
         coalesce(sum(cm.status = 'sent'), 0) AS sent,
         coalesce(sum((cm.status <> 'excluded' OR cm.variant_id IS NOT NULL) AND cm.outcome IN ('confirmed', 'reactivated')), 0) AS wonBack
       FROM campaigns c LEFT JOIN campaign_members cm ON cm.campaign_id = c.id
       GROUP BY c.id ORDER BY c.id DESC`,
    )
    .all() as CampaignListRow[];
}

/** Grouped recipient counts for the report and the queue summary. */
export function campaignMemberCounts(sqlite: Database.Database, campaignId: number) {
  return sqlite
    .prepare(
      `SELECT variant_id AS variantId, status, outcome, count(*) AS n FROM campaign_members
       WHERE campaign_id = ? GROUP BY status, outcome, variant_id`,
    )
    .all(campaignId) as { variantId: number | null; status: string; outcome: string; n: number }[];
}

export type QueueSummary = {
  queuedByChannel: { email: number; in_app: number };
  holdout: number;
  excluded: Record<string, number>; // at queueing, before assignment
  notSent: Record<string, number>; // assigned, then excluded by delivery at send time
};

/**
 * Exactly who will be reached on which channel, and why the others are not (after queueing).
 * Counts by status come from the covering index; only excluded rows (and, for 'both', messaged
 * rows) are visited for their reason or channel.
 */
export function queueSummary(sqlite: Database.Database, campaignId: number): QueueSummary {
  const c = getCampaign(sqlite, campaignId);
  const out: QueueSummary = { queuedByChannel: { email: 0, in_app: 0 }, holdout: 0, excluded: {}, notSent: {} };
  if (!c) return out;
  const byStatus = sqlite
    .prepare('SELECT status, count(*) AS n FROM campaign_members WHERE campaign_id = ? GROUP BY status')
    .all(campaignId) as { status: string; n: number }[];
  let messaged = 0;
  for (const r of byStatus) {
    if (r.status === 'holdout') out.holdout += r.n;
    else if (r.status !== 'excluded') messaged += r.n;
  }
  for (const r of sqlite
    .prepare(
      `SELECT coalesce(excluded_reason, 'unknown') AS reason, variant_id IS NULL AS atQueue, count(*) AS n FROM campaign_members
       WHERE campaign_id = ? AND status = 'excluded' GROUP BY 1, 2`,
    )
    .all(campaignId) as { reason: string; atQueue: number; n: number }[]) {
    const into = r.atQueue ? out.excluded : out.notSent;
    into[r.reason] = (into[r.reason] ?? 0) + r.n;
  }
  if (c.channel !== 'both') out.queuedByChannel[c.channel] = messaged;
  else
    for (const r of sqlite
      .prepare(
        `SELECT channel, count(*) AS n FROM campaign_members
         WHERE campaign_id = ? AND status IN ('queued', 'sending', 'sent', 'failed') GROUP BY channel`,
      )
      .all(campaignId) as { channel: 'email' | 'in_app'; n: number }[])
      if (r.channel === 'email' || r.channel === 'in_app') out.queuedByChannel[r.channel] += r.n;
  return out;
}

/** The recipient a keep link names, for tests and the e2e (by campaign and member). */
export function recipientOf(sqlite: Database.Database, campaignMemberId: number) {
  return sqlite
    .prepare(
      `SELECT id, campaign_id AS campaignId, member_id AS memberId, status, outcome, confirmed_at AS confirmedAt,
         offer_accepted AS offerAccepted FROM campaign_members WHERE id = ?`,
    )
    .get(campaignMemberId) as
    | {
        id: number;
        campaignId: number;
        memberId: number;
        status: string;
        outcome: string;
        confirmedAt: number | null;
        offerAccepted: number;
      }
    | undefined;
}

// ---------------------------------------------------------------------------------------------
// The member's keep page

export type KeepView =
  | { state: 'open' | 'used'; firstName: string; plan: string; price: string; offer: string; deadlineAt: number }
  | { state: 'invalid' | 'expired' | 'closed' };

const MESSAGED = `('queued', 'sending', 'sent', 'failed')`;
const OPEN_CAMPAIGN = `('sending', 'paused', 'awaiting_responses')`;

function keepRow(sqlite: Database.Database, campaignMemberId: number) {
  return sqlite
    .prepare(
      `SELECT cm.id, cm.status, cm.outcome, cm.confirmed_at AS confirmedAt, c.status AS campaignStatus, c.deadline_at AS deadlineAt,
         m.display_name AS displayName, m.plan, m.price_minor AS priceMinor, m.currency, m.status AS memberStatus,
         coalesce(v.offer, 'none') AS offer,
         EXISTS (SELECT 1 FROM keep_confirmations k WHERE k.campaign_member_id = cm.id) AS used
       FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id JOIN members m ON m.id = cm.member_id
       LEFT JOIN campaign_variants v ON v.id = cm.variant_id WHERE cm.id = ?`,
    )
    .get(campaignMemberId) as
    | {
        id: number;
        status: string;
        outcome: string;
        confirmedAt: number | null;
        campaignStatus: CampaignStatus;
        deadlineAt: number | null;
        displayName: string | null;
        plan: string;
        priceMinor: number;
        currency: string;
        memberStatus: string;
        offer: 'none' | 'free_month';
        used: number;
      }
    | undefined;
}

/**
 * What the keep page shows for a token (GET: reads only, so a mail scanner following the link
 * confirms nothing). A valid signature is not enough: the recipient must exist, have been messaged,
 * its campaign still open and before its deadline, and the member not cancelled.
 */
export function keepView(sqlite: Database.Database, verified: { campaignMemberId: number } | null, at: number): KeepView {
  if (!verified) return { state: 'invalid' };
  const r = keepRow(sqlite, verified.campaignMemberId);
  if (!r || !MESSAGED.includes(`'${r.status}'`)) return { state: 'invalid' };
  const view = {
    firstName: firstName(r.displayName),
    plan: r.plan,
    price: formatPrice(r.priceMinor, r.currency),
    offer: OFFER_TEXT[r.offer],
    deadlineAt: r.deadlineAt ?? 0,
  };
  if (r.used) return { state: 'used', ...view };
  if (r.deadlineAt == null || at >= r.deadlineAt) return { state: 'expired' };
  if (!OPEN_CAMPAIGN.includes(`'${r.campaignStatus}'`) || r.memberStatus === 'cancelled') return { state: 'closed' };
  return { state: 'open', ...view };
}

/**
 * "Keep my membership" (POST). Marks the recipient confirmed (outcome 'confirmed' unless a view
 * already made it 'reactivated': a member counts once), records the offer as accepted when the
 * variant had one, and records the used token. Reuse changes nothing.
 *
 * Member status: a confirmation is not a view (DOMAIN.md: only a view resets the counter), so the
 * member is not made 'active'. 'notified' (waiting for an answer, set by delivery) goes back to
 * 'dormant': they answered, the campaign no longer waits on them. What protects them is outcome
 * 'confirmed' (batch eligibility requires "not confirmed") and the segment builder leaving out
 * members who confirmed within the never-watched window, so they are not asked again soon.
 */
export function confirmKeep(
  sqlite: Database.Database,
  verified: { campaignMemberId: number } | null,
  at: number,
): { view: KeepView; confirmed: boolean } {
  return sqlite
    .transaction(() => {
      const view = keepView(sqlite, verified, at);
      if (view.state !== 'open' || !verified) return { view, confirmed: false };
      const id = verified.campaignMemberId;
      const ins = sqlite
        .prepare('INSERT INTO keep_confirmations (campaign_member_id, confirmed_at) VALUES (?, ?) ON CONFLICT DO NOTHING')
        .run(id, at);
      if (!ins.changes) return { view: { ...view, state: 'used' as const }, confirmed: false };
      sqlite
        .prepare(
          `UPDATE campaign_members SET confirmed_at = ?,
             offer_accepted = (SELECT coalesce(v.offer, 'none') <> 'none' FROM campaign_variants v WHERE v.id = campaign_members.variant_id),
             outcome = CASE WHEN outcome = 'reactivated' THEN 'reactivated' ELSE 'confirmed' END
           WHERE id = ? AND confirmed_at IS NULL`,
        )
        .run(at, id);
      const r = recipientOf(sqlite, id)!;
      sqlite
        .prepare(`UPDATE members SET status = 'dormant', status_changed_at = ? WHERE id = ? AND status = 'notified'`)
        .run(at, r.memberId);
      audit(
        dbOf(sqlite),
        { id: null, label: 'member (keep link)' },
        {
          action: 'campaign.keep_confirmed',
          entityType: 'campaign_member',
          entityId: id,
          after: { campaignId: r.campaignId, memberId: r.memberId, outcome: r.outcome, offerAccepted: !!r.offerAccepted },
          at,
        },
      );
      return { view: { ...view, state: 'used' as const }, confirmed: true };
    })
    .immediate();
}
