import 'server-only';
import type Database from 'better-sqlite3';

// The named bulk statements that write members.running_campaign_id for a running campaign's
// recipients, a chunk of them (in member order) at a time.

/** The chunk's last member id: `n` recipients after the cursor, in member order; null when none is left. */
export function chunkEnd(sqlite: Database.Database, campaignId: number, after: number, n: number): number | null {
  return sqlite
    .prepare(
      `SELECT max(member_id) FROM (SELECT member_id FROM campaign_members WHERE campaign_id = @c AND member_id > @after
         ORDER BY member_id LIMIT @n)`,
    )
    .pluck()
    .get({ c: campaignId, after, n }) as number | null;
}

/** Flags the non-excluded recipients with member ids in (after, upTo]. */
export function flagRange(sqlite: Database.Database, campaignId: number, after: number, upTo: number) {
  sqlite
    .prepare(
      `UPDATE members SET running_campaign_id = @c WHERE id IN (SELECT member_id FROM campaign_members
         WHERE campaign_id = @c AND member_id > @after AND member_id <= @upTo AND status <> 'excluded')`,
    )
    .run({ c: campaignId, after, upTo });
}
