import 'server-only';
import type Database from 'better-sqlite3';
import { assignArmSql } from '@/lib/domain/campaigns/assignment';
import { capSince, exclusionSql, recipientChannelSql, type SegmentSql } from './segments.sql';

// The named bulk statement of queueing: one INSERT … SELECT over every member of a segment (up to
// 900,000 at a time, benchmarked against this very statement run bare in bench/steps/queue.ts).

export type QueueCampaign = { channel: 'email' | 'in_app' | 'both'; holdoutPct: number; seed: number };

/**
 * The set-based queueing statement (reachableOnly: an always-on cohort enrols only members who pass
 * suppression, the frequency cap and the channel, so the others are not written again every day): every member of the segment gets one campaign_members row —
 * excluded (with the first reason), holdout, or queued on a channel. Assignment by rk_arm_hash
 * (db/segments.ts registers it), so it is reproducible from campaign.seed.
 */
export function queueSql(
  c: QueueCampaign,
  variants: { id: number; splitPct: number }[],
  where: string,
  from = 'members m INDEXED BY members_segment_idx',
  o: { reachableOnly?: boolean } = {},
) {
  // MATERIALIZED: computed once per member. Flattened, SQLite would re-evaluate the exclusion
  // subqueries and the hash at every mention below (measured ~7 hash calls per member instead of 2).
  return `WITH s AS MATERIALIZED (
  SELECT m.id, ${exclusionSql(c.channel)} AS reason, ${assignArmSql('m.id', c.seed, c.holdoutPct, variants)} AS arm,
    ${recipientChannelSql(c.channel)} AS ch
  FROM ${from} WHERE ${where})
INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, excluded_reason, assigned_at)
SELECT @campaignId, id,
  CASE WHEN reason IS NULL THEN arm END,
  CASE WHEN reason IS NULL AND arm IS NOT NULL THEN ch ELSE 'none' END,
  CASE WHEN reason IS NOT NULL THEN 'excluded' WHEN arm IS NULL THEN 'holdout' ELSE 'queued' END,
  reason, @at
FROM s${o.reachableOnly ? ' WHERE reason IS NULL' : ''} ORDER BY id`;
}

/** The parameters queueSql binds for a campaign queued at `at` over segment `q`. */
export const queueParams = (q: SegmentSql, campaignId: number, at: number) => ({
  ...q.params,
  campaignId,
  at,
  capSince: capSince(at),
});

/** Runs the queueing statement; returns the rows written. */
export function runQueue(
  sqlite: Database.Database,
  c: QueueCampaign,
  variants: { id: number; splitPct: number }[],
  q: SegmentSql,
  campaignId: number,
  at: number,
  o: { reachableOnly?: boolean } = {},
): number {
  return sqlite.prepare(queueSql(c, variants, q.where, q.from, o)).run(queueParams(q, campaignId, at)).changes;
}
