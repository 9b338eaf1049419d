import type Database from 'better-sqlite3';
import { inBackground } from '../lib/runtime/background';
import { RUNNING_SQL, runningCampaigns } from './segments';

// members.running_campaign_id: which running campaign a member is a (non-excluded) recipient of.
// The segment builder's live count leaves a running campaign's dormant members out (queued and
// holdout members are still 'dormant') by reading this column in members_segment_idx, in the same
// index-only pass as the segment, instead of probing each of up to 900k recipients (~0.3 µs each,
// 0.6–1.2 s). Writing the flag for 900k
// members costs a few seconds of row writes, so it is not part of queueing: it follows in chunks,
// and until a campaign's members_flagged_at is set the count takes the slower exact path for it.

export const FLAG_CHUNK = 25_000;

export const FLAG_SQL = {
  isRunning: `SELECT 1 FROM campaigns WHERE id = ? AND status IN (${RUNNING_SQL})`,
  // The chunk's last member id: FLAG_CHUNK recipients after the cursor, in member order.
  upTo: `SELECT max(member_id) FROM (SELECT member_id FROM campaign_members WHERE campaign_id = @c AND member_id > @after
    ORDER BY member_id LIMIT @n)`,
  flag: `UPDATE members SET running_campaign_id = @c WHERE id IN (SELECT member_id FROM campaign_members
    WHERE campaign_id = @c AND member_id > @after AND member_id <= @upTo AND status <> 'excluded')`,
  done: `UPDATE campaigns SET members_flagged_at = @at WHERE id = @c AND members_flagged_at IS NULL`,
};

/**
 * Flags the next chunk of a campaign's recipients in one transaction; returns the new cursor, or
 * null when the campaign is fully flagged or no longer running (then its flags are stale anyway,
 * and writing more could overwrite a newer running campaign's).
 */
export function flagChunk(
  sqlite: Database.Database,
  campaignId: number,
  after: number,
  at: number,
  n = FLAG_CHUNK,
): number | null {
  return sqlite
    .transaction(() => {
      if (!sqlite.prepare(FLAG_SQL.isRunning).get(campaignId)) return null;
      const upTo = sqlite.prepare(FLAG_SQL.upTo).pluck().get({ c: campaignId, after, n }) as number | null;
      if (upTo == null) {
        sqlite.prepare(FLAG_SQL.done).run({ c: campaignId, at });
        return null;
      }
      sqlite.prepare(FLAG_SQL.flag).run({ c: campaignId, after, upTo });
      return upTo;
    })
    .immediate();
}

/** Flags every recipient of a campaign now (scripts, tests and the benchmark). */
export function flagRunningMembers(sqlite: Database.Database, campaignId: number, at: number, n = FLAG_CHUNK) {
  for (let after: number | null = 0; after != null; ) after = flagChunk(sqlite, campaignId, after, at, n);
}

/** Running campaigns whose recipients are not all flagged yet. */
export const unflaggedRunning = (sqlite: Database.Database) => runningCampaigns(sqlite).unflagged;

/**
 * Flags the recipients of every running campaign that needs it, a chunk at a time with the event
 * loop free in between (each chunk holds the write lock ~0.1 s). Called after queueing and by the
 * live count, so a restart mid-way resumes. One job per connection; a second call joins it.
 */
export function flagRunningMembersSoon(sqlite: Database.Database, now: () => number = Date.now): Promise<void> {
  return inBackground(
    sqlite,
    'flag-running-members',
    function* () {
      for (let ids = unflaggedRunning(sqlite); ids.length && sqlite.open; ids = unflaggedRunning(sqlite))
        for (const id of ids)
          for (let after: number | null = 0; after != null; )
            yield () => {
              after = flagChunk(sqlite, id, after as number, now());
            };
    },
    // The count stays exact without the flags (the slower path); the next count retries.
    (err) =>
      console.error('Flagging running campaign members failed; the segment count uses the slower exact path meanwhile:', err),
  );
}
