import 'server-only';
import type Database from 'better-sqlite3';
import { SYSTEM_ACTOR } from '@/db/audit';
import { queueReminders, remindersDue } from '@/db/staff-notices';
import { runUnitOfWork } from '@/db/unit-of-work';
import { PERMISSIONS } from '@/lib/domain/roles';
import { config } from '@/lib/runtime/config';

const HOUR_MS = 3_600_000;

/**
 * Queues one reminder per approver (active staff who may decide batches, not the proposer) for
 * every batch submitted more than `hours` ago and still undecided; the sender emails them. The
 * outbox's unique (batch, staff, kind) makes a second pass add nothing, so it is safe to call
 * from the sender's housekeeping and from the daily cycle (job `batch-reminders`) alike.
 * Returns the counts a job reports: { reminders, batches }.
 */
export function sendBatchReminders(
  sqlite: Database.Database,
  at: number,
  hours: number = config().BATCH_REMINDER_HOURS,
): Record<string, number> {
  const cutoff = at - hours * HOUR_MS;
  const roles = PERMISSIONS['batches.decide'];
  if (!runUnitOfWork(sqlite, SYSTEM_ACTOR, at, ({ tx }) => remindersDue(tx, cutoff, roles), 'read'))
    return { reminders: 0, batches: 0 };
  return runUnitOfWork(sqlite, SYSTEM_ACTOR, at, (uow) => {
    const queued = queueReminders(uow.tx, cutoff, roles, at);
    let reminders = 0;
    for (const [batchId, n] of queued) {
      reminders += n;
      uow.audit({ action: 'batch.reminder_queued', entityType: 'batch', entityId: batchId, after: { approvers: n, hours } });
    }
    return { reminders, batches: queued.size };
  });
}
