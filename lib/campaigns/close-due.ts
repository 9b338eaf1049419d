import type Database from 'better-sqlite3';
import { SYSTEM_ACTOR } from '@/db/audit';
import { closeCampaignRow, dueToClose, dueToStart } from '@/db/campaigns';
import { runUnitOfWork } from '@/db/unit-of-work';
import { proposeBatchForCampaign } from '@/lib/batches/propose';
import { startSending } from './schedule';

// The clock-driven steps of a campaign, run by the system: starting at the send time, closing at
// the deadline. Each campaign is its own unit of work, so one failure leaves the others done.

/** Starts scheduled campaigns whose send time has come (system). Cheap when none is due. */
export function startDueCampaigns(sqlite: Database.Database, at: number): number[] {
  const started: number[] = [];
  for (const id of dueToStart(sqlite, at))
    if (runUnitOfWork(sqlite, SYSTEM_ACTOR, at, (uow) => startSending(uow, id))) started.push(id);
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
  const closed: number[] = [];
  for (const { id, status } of dueToClose(sqlite, at)) {
    try {
      runUnitOfWork(sqlite, SYSTEM_ACTOR, at, (uow) => {
        const noResponse = closeCampaignRow(uow.tx, id, status, at);
        if (noResponse == null) return;
        uow.audit({
          action: 'campaign.close',
          entityType: 'campaign',
          entityId: id,
          before: { status },
          after: { status: 'closed', noResponse },
        });
        proposeBatchForCampaign(uow, id);
        closed.push(id);
      });
    } catch (err) {
      // Left open and retried on the next call; logged without personal data.
      console.error(`[campaigns] closing campaign ${id} failed:`, err instanceof Error ? err.message : 'unknown');
    }
  }
  return closed;
}
