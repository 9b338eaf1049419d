import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPTED_REASON } from '@/db/delivery';
import { openDatabase } from '@/db/open';
import { getSqlite } from '@/lib/testing/db';
import { recipientRows, seedQueuedCampaign, waitFor } from '../testing/delivery/fixtures';
import { type SmtpSink, startSmtpSink } from '../testing/delivery/smtp-sink';
import { buildMessageFor } from './message';
import { outboxChannel, smtpChannel } from './transport';
import { DeliveryWorker, type WorkerOptions } from './worker';

// The sender against a real SMTP server (smtp-server) on loopback.

let sink: SmtpSink;
const workers: DeliveryWorker[] = [];
const FROM = 'Rekindle <no-reply@rekindle.test>';

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});
afterEach(async () => {
  for (const w of workers.splice(0)) {
    await w.stop();
    w.o.channel.close();
  }
  sink.received.length = 0;
  sink.onRcpt = undefined;
  sink.dataDelayMs = 0;
  getSqlite().prepare(`DELETE FROM app_settings WHERE key = 'delivery.next_send_slot'`).run();
});

function worker(o: Partial<WorkerOptions> = {}) {
  const w = new DeliveryWorker({
    sqlite: getSqlite(),
    channel: smtpChannel(`smtp://127.0.0.1:${sink.port}`, o.concurrency ?? 4),
    buildMessage: (db, id) => buildMessageFor(db, id),
    from: FROM,
    ratePerSecond: 1000,
    concurrency: 4,
    idleMs: 20,
    now: Date.now,
    log: (m) => console.log(m),
    ...o,
  });
  workers.push(w);
  w.start();
  return w;
}

const statuses = (campaignId: number) => recipientRows(getSqlite(), campaignId).map((r) => r.status);

describe('sending email through SMTP', () => {
  it('delivers each recipient once, with From, both parts, escaped HTML and a stable Message-ID', async () => {
    const sqlite = getSqlite();
    const c = seedQueuedCampaign(sqlite, {
      recipients: 3,
      subject: 'Last chance, {{first_name}}',
      body: 'Hello {{first_name}} & co,\nkeep it: {{keep_link}}',
      displayName: (i) => (i === 0 ? '<script>alert(1)</script> Evil' : `Ann${i} Smith`),
    });
    worker();
    await waitFor(() => statuses(c.campaignId).every((s) => s === 'sent'));
    const rows = recipientRows(sqlite, c.campaignId);
    expect(sink.received).toHaveLength(3);
    for (const r of rows) {
      const mails = sink.received.filter((m) => m.to.includes(r.email));
      expect(mails).toHaveLength(1);
      expect(mails[0]?.headers.from).toBe('Rekindle <no-reply@rekindle.test>');
      expect(mails[0]?.messageId).toBe(`<rekindle.c${c.campaignId}.r${r.id}@rekindle.test>`);
      expect(r.sentAt).toBeGreaterThan(0);
      expect(r.memberStatus).toBe('notified');
      expect(r.lastContactedAt).toBe(r.sentAt);
    }
    const evil = sink.received.find((m) => m.to.includes(rows[0]!.email))!;
    expect(evil.subject).toBe('Last chance, <script>alert(1)</script>');
    expect(evil.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; co,<br>');
    expect(evil.html).not.toContain('<script>');
    expect(evil.text).toContain('Hello <script>alert(1)</script> & co,\nkeep it: http');
    expect(evil.html).toMatch(/<a href="http[^"]+\/keep\/[^"]+">/);
    // The messages table holds what was sent, marked delivered with the server's reply.
    const msgs = sqlite
      .prepare(
        `SELECT delivered_at AS d, server_response AS r FROM messages WHERE campaign_member_id IN (${rows.map((r) => r.id).join(',')})`,
      )
      .all() as { d: number; r: string }[];
    expect(msgs.every((m) => m.d > 0 && /^250 /.test(m.r))).toBe(true);
    // Nothing left to send: the campaign awaits responses, recorded by the system.
    await waitFor(
      () =>
        (sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').get(c.campaignId) as { status: string }).status ===
        'awaiting_responses',
    );
    const auditRow = sqlite
      .prepare(`SELECT actor_label AS actor FROM audit_log WHERE action = 'campaign.sending_finished' AND entity_id = ?`)
      .get(String(c.campaignId)) as { actor: string };
    expect(auditRow.actor).toBe('system');
  });

  it('retries a transient 4xx with exponential backoff, then sends', async () => {
    const c = seedQueuedCampaign(getSqlite(), { recipients: 1 });
    const email = recipientRows(getSqlite(), c.campaignId)[0]!.email;
    const refusals: number[] = [];
    sink.onRcpt = (address) => {
      if (address === email && refusals.length < 2) {
        refusals.push(Date.now());
        return { code: 451, message: '4.3.0 Mailbox busy, try later' };
      }
      return undefined;
    };
    worker({ backoffBaseMs: 300 });
    await waitFor(() => statuses(c.campaignId)[0] === 'sent');
    const [row] = recipientRows(getSqlite(), c.campaignId);
    expect(row?.attempts).toBe(3);
    expect(refusals).toHaveLength(2);
    const delivered = sink.received[0]!.at;
    // First retry after ≥ 300 ms, the second after ≥ 600 ms (doubling).
    expect(refusals[1]! - refusals[0]!).toBeGreaterThanOrEqual(290);
    expect(delivered - refusals[1]!).toBeGreaterThanOrEqual(590);
    expect(sink.received).toHaveLength(1);
  });

  it('records a permanent 5xx as failed with the server reason, and gives up after maxAttempts on 4xx', async () => {
    const c = seedQueuedCampaign(getSqlite(), { recipients: 3 });
    const [a, b] = recipientRows(getSqlite(), c.campaignId);
    sink.onRcpt = (address) => {
      if (address === a!.email) return { code: 550, message: '5.1.1 No such user here' };
      if (address === b!.email) return { code: 452, message: '4.2.2 Mailbox full' };
      return undefined;
    };
    worker({ backoffBaseMs: 20, maxAttempts: 3 });
    await waitFor(() => statuses(c.campaignId).every((s) => s === 'sent' || s === 'failed'));
    const rows = recipientRows(getSqlite(), c.campaignId);
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed', 'sent']);
    expect(rows[0]?.failedReason).toMatch(/^550 5\.1\.1 No such user here/);
    expect(rows[0]?.attempts).toBe(1);
    expect(rows[1]?.failedReason).toMatch(/^452 4\.2\.2 Mailbox full.*gave up after 3 attempts/);
    expect(rows[1]?.attempts).toBe(3);
    expect(rows[0]?.memberStatus).toBe('dormant'); // never reached: not notified
  });

  it('retries connection errors (no server) instead of failing them', async () => {
    const c = seedQueuedCampaign(getSqlite(), { recipients: 1 });
    worker({ channel: smtpChannel('smtp://127.0.0.1:1', 1), backoffBaseMs: 60_000 });
    await waitFor(() => recipientRows(getSqlite(), c.campaignId)[0]!.attempts === 1 && statuses(c.campaignId)[0] === 'queued');
    const [row] = recipientRows(getSqlite(), c.campaignId);
    expect(row?.failedReason).toMatch(/ECONNREFUSED|ECONNECTION/);
  });

  it('respects the send rate', async () => {
    const c = seedQueuedCampaign(getSqlite(), { recipients: 21 });
    worker({ ratePerSecond: 20, concurrency: 4 });
    await waitFor(() => statuses(c.campaignId).every((s) => s === 'sent'));
    // Claims (messages.created_at) are spaced by the rate exactly: 21 at 20/s span ≥ 1 s.
    const claims = (
      getSqlite()
        .prepare(
          `SELECT msg.created_at AS t FROM messages msg JOIN campaign_members cm ON cm.id = msg.campaign_member_id
           WHERE cm.campaign_id = ? ORDER BY 1`,
        )
        .all(c.campaignId) as { t: number }[]
    ).map((r) => r.t);
    expect(claims.at(-1)! - claims[0]!).toBeGreaterThanOrEqual(1000);
    // At the server, less the first connection's set-up time.
    const times = sink.received.map((m) => m.at).sort((x, y) => x - y);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(850);
    // No burst: one claim per 50 ms slot (arrival times at the server add network jitter).
    for (let i = 1; i < claims.length; i++) expect(claims[i]! - claims[i - 1]!).toBeGreaterThanOrEqual(50);
  });

  it('pause stops sending; resume finishes the campaign', async () => {
    const sqlite = getSqlite();
    const c = seedQueuedCampaign(sqlite, { recipients: 30 });
    worker({ ratePerSecond: 20 });
    await waitFor(() => sink.received.length >= 5);
    sqlite.prepare(`UPDATE campaigns SET status = 'paused' WHERE id = ?`).run(c.campaignId);
    await new Promise((r) => setTimeout(r, 200)); // in-flight sends finish
    const atPause = sink.received.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(sink.received.length).toBe(atPause);
    expect(statuses(c.campaignId).filter((s) => s === 'queued').length).toBe(30 - atPause);
    sqlite.prepare(`UPDATE campaigns SET status = 'sending' WHERE id = ?`).run(c.campaignId);
    await waitFor(() => statuses(c.campaignId).every((s) => s === 'sent'));
    expect(sink.received).toHaveLength(30);
  });

  it('two workers on separate connections never send anyone twice', async () => {
    const file = process.env.DATABASE_URL as string;
    const c = seedQueuedCampaign(getSqlite(), { recipients: 120 });
    sink.dataDelayMs = 2; // keep both busy at once
    const second = openDatabase(file, { migrate: false });
    worker({ concurrency: 3 });
    worker({ sqlite: second, concurrency: 3 });
    await waitFor(() => statuses(c.campaignId).every((s) => s === 'sent'), 30_000);
    expect(sink.received).toHaveLength(120);
    expect([...sink.countsByRecipient().values()].every((n) => n === 1)).toBe(true);
    expect(workers[0]!.stats.sent).toBeGreaterThan(0);
    expect(workers[1]!.stats.sent).toBeGreaterThan(0);
    for (const w of workers.splice(0)) {
      await w.stop();
      w.o.channel.close();
    }
    second.close();
  });
});

describe('send-time checks', () => {
  it('excludes suppressed, reactivated and cancelled members instead of sending', async () => {
    const sqlite = getSqlite();
    const c = seedQueuedCampaign(sqlite, { recipients: 4 });
    const [s, r, x] = c.memberIds;
    sqlite.prepare(`INSERT INTO suppressions (member_id, reason, added_by, added_at) VALUES (?, 'legal', 't', 1)`).run(s);
    sqlite.prepare(`UPDATE members SET last_viewed_at = ?, status = 'active' WHERE id = ?`).run(Date.now(), r);
    sqlite.prepare(`UPDATE members SET status = 'cancelled', cancelled_at = 1 WHERE id = ?`).run(x);
    worker();
    await waitFor(() => !statuses(c.campaignId).some((st) => st === 'queued' || st === 'sending'));
    const rows = recipientRows(sqlite, c.campaignId);
    expect(rows.map((row) => [row.status, row.excludedReason])).toEqual([
      ['excluded', 'suppressed'],
      ['excluded', 'reactivated_before_send'],
      ['excluded', 'cancelled_before_send'],
      ['sent', null],
    ]);
    expect(rows[2]?.memberStatus).toBe('cancelled'); // never resurrected
    expect(sink.received.map((m) => m.to[0])).toEqual([rows[3]?.email]);
  });

  it('without SMTP_URL, messages go to the outbox (messages table) and count as sent', async () => {
    const sqlite = getSqlite();
    const c = seedQueuedCampaign(sqlite, { recipients: 2 });
    worker({ channel: outboxChannel() });
    await waitFor(() => statuses(c.campaignId).every((s) => s === 'sent'));
    const msgs = sqlite
      .prepare(
        `SELECT msg.server_response AS r, msg.delivered_at AS d FROM messages msg JOIN campaign_members cm ON cm.id = msg.campaign_member_id WHERE cm.campaign_id = ?`,
      )
      .all(c.campaignId) as { r: string; d: number }[];
    expect(msgs).toHaveLength(2);
    expect(msgs.every((m) => m.d > 0 && m.r.startsWith('stored in the outbox'))).toBe(true);
    expect(sink.received).toHaveLength(0);
  });

  it('an expired lease (a dead sender) is failed as interrupted, never re-sent', async () => {
    const sqlite = getSqlite();
    const c = seedQueuedCampaign(sqlite, { recipients: 2 });
    const [dead] = c.recipientIds;
    sqlite
      .prepare(`UPDATE campaign_members SET status = 'sending', attempts = 1, next_attempt_at = ? WHERE id = ?`)
      .run(Date.now() - 1, dead);
    worker();
    await waitFor(() => statuses(c.campaignId).join() === 'failed,sent');
    const rows = recipientRows(sqlite, c.campaignId);
    expect(rows[0]?.failedReason).toBe(INTERRUPTED_REASON);
    expect(sink.received).toHaveLength(1);
    const a = sqlite
      .prepare(`SELECT after FROM audit_log WHERE action = 'delivery.interrupted' AND entity_id = ?`)
      .get(String(c.campaignId)) as { after: string };
    expect(JSON.parse(a.after).recipients).toBe(1);
  });
});
