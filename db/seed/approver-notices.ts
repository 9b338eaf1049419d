import { sendBatchReminders } from '@/lib/batches/reminders';
import type { SeedContext } from './context';

// The emails to approvers that the seeded history would have sent: every submit's notices
// (queued by the real submit use case in db/seed/batch-history.ts) and, for a batch still waiting
// past the reminder hours, its one reminder per approver — queued by the real reminder pass at
// the moment it came due, and recorded as sent a minute after being queued.

const HOUR_MS = 3_600_000;

export function seedApproverNotices(ctx: SeedContext, hours = 24): { reminders: number; sent: number } {
  const { sqlite, now } = ctx;
  const waiting = sqlite
    .prepare("SELECT submitted_at AS at FROM batches WHERE status = 'submitted' AND submitted_at <= ? ORDER BY submitted_at")
    .all(now - hours * HOUR_MS) as { at: number }[];
  let reminders = 0;
  for (const w of waiting) reminders += sendBatchReminders(sqlite, w.at + hours * HOUR_MS + 60_000, hours).reminders ?? 0;
  const sent = sqlite
    .prepare("UPDATE staff_notices SET status = 'sent', attempts = 1, sent_at = created_at + 60000 WHERE status = 'queued'")
    .run().changes;
  return { reminders, sent };
}
