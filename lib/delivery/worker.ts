import type Database from 'better-sqlite3';
import { backoffMs, messageIdFor } from '../domain/delivery/smtp-errors';
import {
  type BuildMessage,
  type ClaimedEmail,
  claimNextEmail,
  expireUnsent,
  finishSentCampaigns,
  markFailed,
  markRetry,
  markSent,
  publishInApp,
  recoverInterrupted,
  renewLeases,
} from './sending';
import type { EmailChannel } from './transport';

export type WorkerOptions = {
  sqlite: Database.Database;
  channel: EmailChannel;
  buildMessage: BuildMessage;
  from: string;
  /** Global rate across every worker process (one send slot every 1000/rate ms). */
  ratePerSecond: number;
  /** Sends in flight at once from this process. */
  concurrency?: number;
  /** How long a claimed recipient stays ours without renewal; renewed every third of it. */
  leaseMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  maxAttempts?: number;
  /** Sleep when there is nothing to send, and the period of housekeeping. */
  idleMs?: number;
  now: () => number;
  /** Campaign closing (db/campaigns.ts closeDueCampaigns), called on every housekeeping pass. */
  closeDue?: (sqlite: Database.Database, at: number) => unknown;
  log?: (msg: string) => void;
};

/**
 * The background sender. Each lane: claim one recipient (atomic) → send → record the outcome.
 * Housekeeping: recover interrupted sends, publish in-app notices, expire unacknowledged ones,
 * finish campaigns with nothing left to send, close campaigns past their deadline.
 */
export class DeliveryWorker {
  private running = false;
  private readonly inFlight = new Set<number>();
  private tasks: Promise<void>[] = [];
  private wake: (() => void)[] = [];
  readonly o: Required<Omit<WorkerOptions, 'closeDue' | 'log'>> & Pick<WorkerOptions, 'closeDue' | 'log'>;
  stats = { sent: 0, retried: 0, failed: 0 };

  constructor(opts: WorkerOptions) {
    this.o = {
      concurrency: 4,
      leaseMs: 120_000,
      backoffBaseMs: 30_000,
      backoffMaxMs: 3_600_000,
      maxAttempts: 5,
      idleMs: 1_000,
      ...opts,
    };
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.tasks = [this.housekeepingLoop(), ...Array.from({ length: this.o.concurrency }, () => this.lane())];
  }

  /** Stops claiming; resolves once every in-flight send has been recorded. */
  async stop() {
    this.running = false;
    for (const w of this.wake.splice(0)) w();
    await Promise.all(this.tasks);
  }

  private async nap(ms: number) {
    if (!this.running) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, Math.max(0, ms));
      const self = this;
      function done() {
        clearTimeout(t);
        self.wake = self.wake.filter((w) => w !== done);
        resolve();
      }
      this.wake.push(done);
    });
  }

  /** One pass of housekeeping (also exported for tests and the one-shot CLI). */
  housekeeping() {
    const at = this.o.now();
    const { sqlite } = this.o;
    renewLeases(sqlite, [...this.inFlight], at + this.o.leaseMs);
    const interrupted = recoverInterrupted(sqlite, at);
    if (interrupted) this.o.log?.(`marked ${interrupted} interrupted send(s) failed (not retried automatically)`);
    while (publishInApp(sqlite, this.o.buildMessage, at) > 0) {}
    expireUnsent(sqlite, at);
    finishSentCampaigns(sqlite, at);
    this.o.closeDue?.(sqlite, at);
  }

  private async housekeepingLoop() {
    const period = Math.min(this.o.idleMs, Math.floor(this.o.leaseMs / 3));
    while (this.running) {
      try {
        this.housekeeping();
      } catch (err) {
        this.o.log?.(`housekeeping failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      await this.nap(period);
    }
  }

  private async lane() {
    const minIntervalMs = 1000 / this.o.ratePerSecond;
    while (this.running) {
      let claim: ReturnType<typeof claimNextEmail>;
      try {
        claim = claimNextEmail(this.o.sqlite, this.o.buildMessage, { at: this.o.now(), leaseMs: this.o.leaseMs, minIntervalMs });
      } catch (err) {
        // SQLITE_BUSY beyond the busy timeout, or a bug: log and back off, never crash the server.
        this.o.log?.(`claim failed: ${err instanceof Error ? err.message : String(err)}`);
        await this.nap(this.o.idleMs);
        continue;
      }
      if (claim.kind === 'idle') await this.nap(this.o.idleMs);
      else if (claim.kind === 'wait') await this.nap(claim.ms);
      else await this.deliver(claim.item);
    }
  }

  private async deliver(item: ClaimedEmail) {
    this.inFlight.add(item.campaignMemberId);
    try {
      const outcome = await this.o.channel.send({
        from: this.o.from,
        to: item.message.to ?? '',
        subject: item.message.subject,
        text: item.message.text,
        html: item.message.html,
        messageId: messageIdFor(item.campaignId, item.campaignMemberId, this.o.from),
      });
      const at = this.o.now();
      if (outcome.ok) {
        markSent(this.o.sqlite, item.campaignMemberId, at, outcome.response);
        this.stats.sent++;
      } else if (outcome.transient && item.attempts < this.o.maxAttempts) {
        const retryAt = at + backoffMs(item.attempts, this.o.backoffBaseMs, this.o.backoffMaxMs);
        markRetry(this.o.sqlite, item.campaignMemberId, retryAt, outcome.reason);
        this.stats.retried++;
      } else {
        const reason = outcome.transient ? `${outcome.reason} (gave up after ${item.attempts} attempts)` : outcome.reason;
        markFailed(this.o.sqlite, item.campaignMemberId, reason);
        this.stats.failed++;
      }
    } catch (err) {
      // Recording the outcome failed (database trouble). The row stays 'sending' and its lease
      // expires: it will be reported as interrupted, never silently dropped or re-sent.
      this.o.log?.(`recording a send failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.inFlight.delete(item.campaignMemberId);
    }
  }
}
