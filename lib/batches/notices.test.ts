import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NOTICE_INTERRUPTED } from '@/db/staff-notices';
import { smtpChannel } from '@/lib/delivery/transport';
import { DAY, DEADLINE, insertCampaign, insertRecipient } from '@/lib/testing/batches/fixtures';
import { decideBatch, proposeBatchForCampaign, submitBatch } from '@/lib/testing/batches/steps';
import { getSqlite, snapshotDb, staffByRole, withDemoStaff } from '@/lib/testing/db';
import { type SmtpSink, startSmtpSink } from '@/lib/testing/delivery/smtp-sink';
import { sendDueNotices } from './notice-sender';
import { sendBatchReminders } from './reminders';

// Approvers are told: the submit queues one email per other active approver in its own
// transaction, the sender delivers each once (counted at a real SMTP server), and a batch left
// undecided past the reminder hours brings one reminder per approver, never a second.

const HOUR = 3_600_000;
const SUBMITTED_AT = DEADLINE + HOUR;
const FROM = 'Rekindle <no-reply@rekindle.test>';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

const actor = (role: 'cx_manager' | 'approver' | 'admin', email?: string) => {
  const s = staffByRole(role, email);
  return { id: s.id, label: s.email };
};

type NoticeRow = { batch_id: number; email: string; kind: string; status: string; attempts: number; last_error: string | null };
const notices = () =>
  getSqlite()
    .prepare(
      `SELECT n.batch_id, s.email, n.kind, n.status, n.attempts, n.last_error FROM staff_notices n JOIN staff s ON s.id = n.staff_id ORDER BY n.id`,
    )
    .all() as NoticeRow[];

function send(at: number, overrides: Partial<Parameters<typeof sendDueNotices>[0]> = {}) {
  const channel = smtpChannel(`smtp://127.0.0.1:${sink.port}`, 1);
  return sendDueNotices({
    sqlite: getSqlite(),
    channel,
    from: FROM,
    baseUrl: 'https://rekindle.example',
    now: () => at,
    ...overrides,
  }).finally(() => channel.close());
}

let batchId: number;
beforeEach(async () => {
  const sqlite = getSqlite();
  sqlite.exec(
    'DELETE FROM staff_notices; DELETE FROM batch_members; DELETE FROM batches; DELETE FROM campaign_members; DELETE FROM campaign_variants; DELETE FROM campaigns; DELETE FROM members;',
  );
  await withDemoStaff();
  sqlite.exec('UPDATE staff SET disabled = 0');
  sink.received.length = 0;
  sink.onRcpt = undefined;
  const campaignId = insertCampaign(sqlite, { name: 'Spring last chance' });
  insertRecipient(sqlite, campaignId, { accountId: 'N-1', priceMinor: 1099, currency: 'GBP' });
  insertRecipient(sqlite, campaignId, { accountId: 'N-2', priceMinor: 1599, currency: 'GBP' });
  insertRecipient(sqlite, campaignId, { accountId: 'N-3', priceMinor: 999, currency: 'USD' });
  batchId = proposeBatchForCampaign(sqlite, campaignId, DEADLINE + 1)!;
});

describe('the submit', () => {
  it('queues one email per other active approver, none to the proposer, exactly once when the submit is retried', async () => {
    submitBatch(getSqlite(), batchId, actor('approver', 'approver@rekindle.local'), SUBMITTED_AT);
    expect(notices().map((n) => [n.email, n.kind, n.status])).toEqual([
      ['admin@rekindle.local', 'submitted', 'queued'],
      ['approver2@rekindle.local', 'submitted', 'queued'],
    ]);
    // A second submit (a double click, a replayed request) is refused and changes nothing.
    const before = snapshotDb();
    expect(() => submitBatch(getSqlite(), batchId, actor('approver', 'approver2@rekindle.local'), SUBMITTED_AT + 1)).toThrow(
      /already submitted/i,
    );
    expect(snapshotDb()).toBe(before);

    const totals = await send(SUBMITTED_AT + 1000);
    expect(totals).toMatchObject({ sent: 2, failed: 0 });
    expect(Object.fromEntries(sink.countsByRecipient())).toEqual({ 'admin@rekindle.local': 1, 'approver2@rekindle.local': 1 });
    // A second pass sends nothing more.
    await send(SUBMITTED_AT + 2000);
    expect(sink.received).toHaveLength(2);

    const mail = sink.received.find((m) => m.to.includes('approver2@rekindle.local'))!;
    expect(mail.subject).toBe(`Batch #${batchId} (Spring last chance) waits for your decision`);
    expect(mail.text).toContain(`https://rekindle.example/batches/${batchId}`);
    expect(mail.text).toContain('Members to cancel: 3');
    expect(mail.text).toContain('Monthly revenue: £26.98 + $9.99');
    expect(mail.text).toContain('Proposed by: approver@rekindle.local');
    expect(mail.html).toContain(`href="https://rekindle.example/batches/${batchId}"`);
    expect(mail.messageId).toMatch(/^<rekindle\.notice\d+@rekindle\.test>$/);
    // No member personal data leaves in the email.
    for (const a of ['N-1', 'N-2', 'N-3']) {
      expect(mail.raw).not.toContain(a);
      expect(mail.raw.toLowerCase()).not.toContain(`${a.toLowerCase()}@example.com`);
    }
  });

  it('a CX manager’s submit tells every approver and admin; a disabled approver gets nothing', async () => {
    getSqlite().prepare("UPDATE staff SET disabled = 1 WHERE email = 'approver2@rekindle.local'").run();
    submitBatch(getSqlite(), batchId, actor('cx_manager'), SUBMITTED_AT);
    expect(notices().map((n) => n.email)).toEqual(['admin@rekindle.local', 'approver@rekindle.local']);
  });

  it('an approver disabled after the submit is not emailed', async () => {
    submitBatch(getSqlite(), batchId, actor('cx_manager'), SUBMITTED_AT);
    getSqlite().prepare("UPDATE staff SET disabled = 1 WHERE email = 'approver2@rekindle.local'").run();
    await send(SUBMITTED_AT + 1000);
    expect(Object.fromEntries(sink.countsByRecipient())).toEqual({ 'admin@rekindle.local': 1, 'approver@rekindle.local': 1 });
    expect(notices().find((n) => n.email === 'approver2@rekindle.local')).toMatchObject({
      status: 'skipped',
      last_error: 'not sent: the recipient can no longer decide batches',
    });

    getSqlite().exec('UPDATE staff SET disabled = 0');
  });

  it('emails still queued when the batch is decided are not sent, and no reminder follows', async () => {
    submitBatch(getSqlite(), batchId, actor('cx_manager'), SUBMITTED_AT);
    decideBatch(getSqlite(), batchId, 'approve', 'Checked', actor('approver', 'approver@rekindle.local'), SUBMITTED_AT + 1000);
    expect(await send(SUBMITTED_AT + 2000)).toMatchObject({ sent: 0, skipped: 3 });
    expect(sink.received).toHaveLength(0);
    expect(sendBatchReminders(getSqlite(), SUBMITTED_AT + 3 * DAY, 24)).toEqual({ reminders: 0, batches: 0 });
  });
});

describe('reminders', () => {
  it('one per approver once the batch has waited more than BATCH_REMINDER_HOURS, never a second', async () => {
    submitBatch(getSqlite(), batchId, actor('cx_manager'), SUBMITTED_AT);
    await send(SUBMITTED_AT + 1000);
    sink.received.length = 0;

    expect(sendBatchReminders(getSqlite(), SUBMITTED_AT + 23 * HOUR, 24)).toEqual({ reminders: 0, batches: 0 });
    expect(sendBatchReminders(getSqlite(), SUBMITTED_AT + 25 * HOUR, 24)).toEqual({ reminders: 3, batches: 1 });
    expect(sendBatchReminders(getSqlite(), SUBMITTED_AT + 26 * HOUR, 24)).toEqual({ reminders: 0, batches: 0 });
    expect(sendBatchReminders(getSqlite(), SUBMITTED_AT + 5 * DAY, 24)).toEqual({ reminders: 0, batches: 0 });
    await send(SUBMITTED_AT + 25 * HOUR + 1000);
    await send(SUBMITTED_AT + 5 * DAY);

    expect(Object.fromEntries(sink.countsByRecipient())).toEqual({
      'admin@rekindle.local': 1,
      'approver@rekindle.local': 1,
      'approver2@rekindle.local': 1,
    });
    expect(sink.received[0]!.subject).toBe(`Reminder: batch #${batchId} (Spring last chance) still waits for a decision`);
    expect(sink.received[0]!.text).toContain('It has waited 25 hours');
    const audit = getSqlite().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'batch.reminder_queued'").get();
    expect(audit).toEqual({ n: 1 });
  });

  it('an approver removed before the reminder is due gets none', () => {
    submitBatch(getSqlite(), batchId, actor('cx_manager'), SUBMITTED_AT);
    getSqlite().prepare("UPDATE staff SET role = 'cx_manager' WHERE email = 'approver2@rekindle.local'").run();
    sendBatchReminders(getSqlite(), SUBMITTED_AT + 25 * HOUR, 24);
    expect(
      notices()
        .filter((n) => n.kind === 'reminder')
        .map((n) => n.email),
    ).toEqual(['admin@rekindle.local', 'approver@rekindle.local']);
    getSqlite().prepare("UPDATE staff SET role = 'approver' WHERE email = 'approver2@rekindle.local'").run();
  });
});

describe('sending', () => {
  it('retries a transient SMTP refusal with backoff, and fails a permanent one without retrying', async () => {
    submitBatch(getSqlite(), batchId, actor('cx_manager'), SUBMITTED_AT);
    sink.onRcpt = (address) =>
      address === 'admin@rekindle.local'
        ? { code: 451, message: '4.3.0 Try again later' }
        : address === 'approver@rekindle.local'
          ? { code: 550, message: '5.1.1 No such mailbox' }
          : undefined;
    const first = await send(SUBMITTED_AT + 1000, { backoffBaseMs: 60_000 });
    expect(first).toMatchObject({ sent: 1, retried: 1, failed: 1 });
    expect(notices().map((n) => [n.email, n.status, n.attempts])).toEqual([
      ['admin@rekindle.local', 'queued', 1],
      ['approver@rekindle.local', 'failed', 1],
      ['approver2@rekindle.local', 'sent', 1],
    ]);
    // Not before the backoff has passed.
    sink.onRcpt = undefined;
    expect(await send(SUBMITTED_AT + 30_000)).toMatchObject({ sent: 0 });
    expect(await send(SUBMITTED_AT + 62_000)).toMatchObject({ sent: 1 });
    expect(Object.fromEntries(sink.countsByRecipient())).toEqual({ 'admin@rekindle.local': 1, 'approver2@rekindle.local': 1 });
  });

  it('a notice caught mid-send by a crash is failed as interrupted, not sent again', async () => {
    submitBatch(getSqlite(), batchId, actor('approver', 'approver@rekindle.local'), SUBMITTED_AT);
    // What a sender that died after claiming leaves behind: 'sending' with a lease.
    getSqlite()
      .prepare(
        "UPDATE staff_notices SET status = 'sending', attempts = 1, lease_until = ? WHERE id = (SELECT min(id) FROM staff_notices)",
      )
      .run(SUBMITTED_AT + 5000);
    await send(SUBMITTED_AT + 1000); // lease still running: left alone
    expect(notices()[0]!.status).toBe('sending');
    await send(SUBMITTED_AT + 10_000);
    expect(notices().map((n) => [n.status, n.last_error])).toEqual([
      ['failed', NOTICE_INTERRUPTED],
      ['sent', null],
    ]);
    expect(sink.received).toHaveLength(1);
  });
});
