import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { CampaignStatus } from '@/lib/domain/values';
import type { Db } from './client';
import { INTERRUPTED_REASON } from './delivery';
import { campaignMembers, campaigns } from './schema';

// Delivery's staff commands (pause, resume, retry): writes only. The use cases in
// lib/delivery/controls.ts decide, and audit through their unit of work.

const cm = campaignMembers;

/** Moves a campaign from one status to another (only if it is still in `from`). */
export function switchCampaignStatus(db: Db, campaignId: number, from: CampaignStatus, to: CampaignStatus, at: number) {
  db.update(campaigns)
    .set({ status: to, updatedAt: at })
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, from)))
    .run();
}

/** Puts a campaign's failed recipients back in the queue (attempts reset); interrupted ones only when asked. */
export function requeueFailed(db: Db, campaignId: number, includeInterrupted: boolean): number {
  return db
    .update(cm)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: null, failedReason: null })
    .where(
      and(
        eq(cm.campaignId, campaignId),
        eq(cm.status, 'failed'),
        includeInterrupted ? undefined : sql`${cm.failedReason} IS NOT ${INTERRUPTED_REASON}`,
      ),
    )
    .run().changes;
}

/** A campaign that had finished sending sends again (after a retry). */
export function resumeCampaignSending(db: Db, campaignId: number, at: number) {
  db.update(campaigns).set({ status: 'sending', updatedAt: at }).where(eq(campaigns.id, campaignId)).run();
}
