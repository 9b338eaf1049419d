import type Database from 'better-sqlite3';
import { SYSTEM_ACTOR } from '@/db/audit';
import {
  type ClaimedNotice,
  claimNextNotice,
  failInterruptedNotices,
  finishNotice,
  type NoticeFacts,
  noticeFacts,
} from '@/db/staff-notices';
import { runUnitOfWork, type Tx } from '@/db/unit-of-work';
import type { EmailChannel } from '@/lib/delivery/transport';
import { type NoticeEmail, noticeEmail, noticeMessageId } from '@/lib/domain/batches/notice-email';
import { backoffMs } from '@/lib/domain/delivery/smtp-errors';
import { can } from '@/lib/domain/roles';

// Sends the queued emails to approvers (db/staff-notices.ts), after the transaction that queued
// them committed. One notice at a time: claim (the attempt is recorded before SMTP is spoken to),
// send with a Message-ID stable per notice, record the outcome. A transient SMTP failure (4xx, no
// connection) is retried with backoff; a permanent one fails the notice. A notice caught
// 'sending' by a crash is failed, never re-sent: the server may already have accepted it.
// What stays at-least-once: a server that accepts the message but whose reply is lost (a timeout
// after DATA) looks transient, so that notice is sent again — with the same Message-ID.

export type NoticeSenderOptions = {
  sqlite: Database.Database;
  channel: EmailChannel;
  from: string;
  baseUrl: string;
  now: () => number;
  /** How long a claimed notice stays ours; above the SMTP timeouts (lib/delivery/transport.ts). */
  leaseMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  maxAttempts?: number;
  log?: (msg: string) => void;
};

export type NoticeSendTotals = { sent: number; retried: number; failed: number; skipped: number; interrupted: number };

type Claim = { notice: ClaimedNotice; email: NoticeEmail; to: string } | { skipped: true } | undefined;

/** Why a queued notice no longer applies, or null when it should be sent. */
function staleReason(notice: ClaimedNotice, f: NoticeFacts | undefined): string | null {
  if (!f) return 'not sent: the batch or the staff member no longer exists';
  if (f.status !== 'submitted') return `not sent: the batch was already ${f.status}`;
  if (f.to.disabled || !can(f.to.role, 'batches.decide')) return 'not sent: the recipient can no longer decide batches';
  if (f.proposerId === notice.staffId) return 'not sent: the recipient proposed the batch';
  return null;
}

function claim(tx: Tx, o: Required<Omit<NoticeSenderOptions, 'log'>>, at: number): Claim {
  const notice = claimNextNotice(tx, at, o.leaseMs);
  if (!notice) return undefined;
  const facts = noticeFacts(tx, notice);
  const stale = staleReason(notice, facts);
  if (stale || !facts) {
    finishNotice(tx, notice.id, { status: 'skipped', error: stale ?? 'not sent' });
    return { skipped: true };
  }
  const email = noticeEmail({
    kind: notice.kind,
    batchId: facts.batchId,
    campaignName: facts.campaignName,
    proposer: facts.proposer,
    submittedAt: facts.submittedAt,
    money: facts.money,
    recipientName: facts.to.name,
    baseUrl: o.baseUrl,
    at,
  });
  return { notice, email, to: facts.to.email };
}

/** Sends every notice due now; returns what happened. Safe beside another sender (claims are atomic). */
export async function sendDueNotices(opts: NoticeSenderOptions): Promise<NoticeSendTotals> {
  const o = {
    ...opts,
    leaseMs: opts.leaseMs ?? 120_000,
    backoffBaseMs: opts.backoffBaseMs ?? 60_000,
    backoffMaxMs: opts.backoffMaxMs ?? 3_600_000,
    maxAttempts: opts.maxAttempts ?? 8,
  };
  const system = <T>(at: number, work: (tx: Tx) => T) => runUnitOfWork(o.sqlite, SYSTEM_ACTOR, at, ({ tx }) => work(tx));
  const totals: NoticeSendTotals = { sent: 0, retried: 0, failed: 0, skipped: 0, interrupted: 0 };
  totals.interrupted = system(o.now(), (tx) => failInterruptedNotices(tx, o.now()));
  if (totals.interrupted) o.log?.(`marked ${totals.interrupted} interrupted approver email(s) failed (not re-sent)`);
  for (;;) {
    const c = system(o.now(), (tx) => claim(tx, o, o.now()));
    if (!c) return totals;
    if ('skipped' in c) {
      totals.skipped++;
      continue;
    }
    const { notice, email, to } = c;
    const outcome = await o.channel.send({
      from: o.from,
      to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: noticeMessageId(notice.id, o.from),
    });
    const at = o.now();
    if (outcome.ok) {
      system(at, (tx) => finishNotice(tx, notice.id, { status: 'sent', at }));
      totals.sent++;
    } else if (outcome.transient && notice.attempts < o.maxAttempts) {
      const dueAt = at + backoffMs(notice.attempts, o.backoffBaseMs, o.backoffMaxMs);
      system(at, (tx) => finishNotice(tx, notice.id, { status: 'queued', dueAt, error: outcome.reason }));
      totals.retried++;
    } else {
      system(at, (tx) => finishNotice(tx, notice.id, { status: 'failed', error: outcome.reason }));
      totals.failed++;
    }
  }
}

const g = globalThis as unknown as { __rekindleNoticePass?: Promise<unknown> };

/**
 * Starts a pass unless one is still running in this process (the housekeeping loop calls it every
 * second; a slow SMTP server must not pile passes up). Failures are logged, never thrown.
 */
export function sendDueNoticesSoon(opts: NoticeSenderOptions): void {
  if (g.__rekindleNoticePass) return;
  g.__rekindleNoticePass = sendDueNotices(opts)
    .catch((err) => opts.log?.(`approver emails failed: ${err instanceof Error ? err.message : String(err)}`))
    .finally(() => {
      g.__rekindleNoticePass = undefined;
    });
}

/** Resolves once this process's running pass (if any) has recorded its last outcome: for a clean stop. */
export async function noticePassSettled(): Promise<void> {
  await g.__rekindleNoticePass;
}
