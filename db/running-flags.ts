import 'server-only';
import type Database from 'better-sqlite3';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { chunkEnd, flagRange } from './running-flags.sql';
import { campaigns } from './schema';
import { RUNNING_CAMPAIGN_STATUSES, runningCampaigns } from './segments';
import type { Tx } from './unit-of-work';

// members.running_campaign_id: which running campaign a member is a (non-excluded) recipient of.
// The segment builder's live count leaves a running campaign's dormant members out (queued and
// holdout members are still 'dormant') by reading this column in members_segment_idx, in the same
// index-only pass as the segment, instead of probing each of up to 900k recipients (~0.3 µs each,
// 0.6–1.2 s). Writing the flag for 900k members costs a few seconds of row writes, so it is not
// part of queueing: it follows in chunks (lib/campaigns/running-flags.ts, a job that deliberately
// commits each chunk on its own), and until a campaign's members_flagged_at is set the count
// takes the slower exact path for it.

export const FLAG_CHUNK = 25_000;

/**
 * Flags the next chunk of a campaign's recipients inside the given transaction; returns the new
 * cursor, or null when the campaign is fully flagged or no longer running (then its flags are
 * stale anyway, and writing more could overwrite a newer running campaign's).
 */
export function flagChunk(tx: Tx, campaignId: number, after: number, at: number, n = FLAG_CHUNK): number | null {
  const running = tx.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), inArray(campaigns.status, RUNNING_CAMPAIGN_STATUSES)))
    .get();
  if (!running) return null;
  const upTo = chunkEnd(tx.sqlite, campaignId, after, n);
  if (upTo == null) {
    tx.db
      .update(campaigns)
      .set({ membersFlaggedAt: at })
      .where(and(eq(campaigns.id, campaignId), isNull(campaigns.membersFlaggedAt)))
      .run();
    return null;
  }
  flagRange(tx.sqlite, campaignId, after, upTo);
  return upTo;
}

/** Running campaigns whose recipients are not all flagged yet. */
export const unflaggedRunning = (sqlite: Database.Database) => runningCampaigns(sqlite).unflagged;
