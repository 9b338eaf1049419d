import type Database from 'better-sqlite3';
import { sendDueNoticesSoon } from '@/lib/batches/notice-sender';
import { sendBatchReminders } from '@/lib/batches/reminders';
import { closeDueCampaigns } from '@/lib/campaigns/close-due';
import { flagRunningMembersSoon } from '@/lib/campaigns/running-flags';
import { noteRecentViews } from '@/lib/ingest/roll-up';
import { cancelChosenToLeave } from '@/lib/keep/cancel-chosen-to-leave';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';
import { buildMessageFor } from '../delivery/message';
import { emailChannelFor } from '../delivery/transport';
import { DeliveryWorker, type WorkerOptions } from '../delivery/worker';

/** The sender as configured by the environment (SMTP_URL, SMTP_FROM, SEND_RATE_PER_SECOND). */
export function workerFromConfig(sqlite: Database.Database, overrides: Partial<WorkerOptions> = {}): DeliveryWorker {
  const c = config();
  const concurrency = overrides.concurrency ?? 4;
  const channel = overrides.channel ?? emailChannelFor(c.SMTP_URL, concurrency);
  const log = (m: string) => console.log(`[delivery] ${m}`);
  return new DeliveryWorker({
    sqlite,
    channel,
    buildMessage: (db, id) => buildMessageFor(db, id),
    from: c.SMTP_FROM,
    ratePerSecond: c.SEND_RATE_PER_SECOND,
    concurrency,
    now,
    closeDue: (db, at) => {
      closeDueCampaigns(db, at);
      // Members who chose to leave on a keep page, once their paid month has ended (not a batch).
      cancelChosenToLeave(db, at);
      // Resumes flagging running campaigns' recipients for the segment count after a restart (lib/campaigns/running-flags.ts).
      void flagRunningMembersSoon(db, now);
      // Resumes a roll-up of recent viewing events that a restart interrupted (db/recent-views.ts).
      void noteRecentViews(db);
      // Approvers' emails: reminders that came due (a read when none did), then whatever is queued.
      sendBatchReminders(db, at);
      sendDueNoticesSoon({
        sqlite: db,
        channel,
        from: c.SMTP_FROM,
        baseUrl: c.PUBLIC_BASE_URL,
        now,
        log,
        leaseMs: overrides.leaseMs,
      });
    },
    log,
    ...overrides,
  });
}

export function describeChannel(): string {
  const url = config().SMTP_URL.trim();
  if (!url) return 'outbox (no SMTP_URL configured)';
  try {
    const u = new URL(url);
    return `SMTP ${u.protocol}//${u.hostname}:${u.port || '(default port)'}`; // never log credentials
  } catch {
    return 'SMTP (unparseable SMTP_URL)';
  }
}
