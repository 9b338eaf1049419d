import { beforeAll, describe, expect, it } from 'vitest';
import { POST as postBounce } from '@/app/api/bounces/route';
import { SYSTEM_ACTOR } from '@/db/audit';
import { executeApprovedBatch, openExecutionJob } from '@/db/batch-execution';
import { proposeBatch } from '@/db/batch-proposal';
import { runUnitOfWork } from '@/db/unit-of-work';
import { acknowledgeNotice, noticesFor } from '@/lib/delivery/notices';
import { SKIP_REASONS } from '@/lib/domain/batches/eligibility';
import { resetConfigCache } from '@/lib/runtime/config';
import { ensurePolicy } from '@/lib/testing/batches/fixtures';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import { seedSentCampaign } from '@/lib/testing/delivery/bounce-fixtures';

// Bounces through POST /api/bounces: the recipient becomes "sent but not reached", the address is
// suppressed for email, and the batch at the deadline leaves the member out with the reason.

const KEY = 'bounces-test-key';
const DAY = 86_400_000;
beforeAll(() => {
  process.env.INGEST_API_KEY = KEY;
  resetConfigCache();
});

const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }) =>
  postBounce(
    new Request('http://x/api/bounces', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
const recipient = (id: number) =>
  getSqlite()
    .prepare(
      'SELECT status, bounced_at AS bouncedAt, bounce_reason AS reason, soft_bounces AS soft FROM campaign_members WHERE id = ?',
    )
    .get(id) as { status: string; bouncedAt: number | null; reason: string | null; soft: number };
const suppressedReason = (address: string) =>
  (getSqlite().prepare('SELECT reason FROM email_suppressions WHERE address = ?').get(address) as { reason: string } | undefined)
    ?.reason;

describe('POST /api/bounces', () => {
  it('a hard bounce by Message-ID marks the recipient not reached and suppresses the address; a repeat changes nothing', async () => {
    const sentAt = Date.now() - DAY;
    const c = seedSentCampaign(getSqlite(), { recipients: 2, sentAt });
    const body = { messageId: c.messageIds[0], type: 'hard', time: sentAt + 60_000, reason: '550 5.1.1 user unknown' };
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ recorded: true, recipientId: c.recipientIds[0], effect: 'not_reached' });
    expect(recipient(c.recipientIds[0]!)).toMatchObject({
      status: 'sent',
      bouncedAt: sentAt + 60_000,
      reason: 'Hard bounce: 550 5.1.1 user unknown',
    });
    expect(suppressedReason(c.addresses[0]!)).toBe('Hard bounce: 550 5.1.1 user unknown');
    expect(recipient(c.recipientIds[1]!).bouncedAt).toBeNull();

    const before = snapshotDb();
    const again = await post(body);
    expect(await again.json()).toMatchObject({ recorded: false, duplicate: true });
    expect(snapshotDb()).toBe(before);
  });

  it('a complaint by address alone finds the latest email sent there', async () => {
    const c = seedSentCampaign(getSqlite(), { recipients: 1, sentAt: Date.now() - DAY });
    const res = await post({ address: c.addresses[0]!.toUpperCase(), type: 'complaint' });
    expect(res.status).toBe(200);
    expect(recipient(c.recipientIds[0]!).reason).toBe('Spam complaint');
  });

  it('soft bounces are re-sent with backoff, then count as hard on the third', async () => {
    const c = seedSentCampaign(getSqlite(), { recipients: 1, sentAt: Date.now() - DAY });
    const soft = (n: number) =>
      post({ messageId: c.messageIds[0], type: 'soft', time: Date.now() - DAY + n, reason: 'mailbox full' });
    const before = Date.now();
    expect(await (await soft(1)).json()).toMatchObject({ effect: 'retry' });
    // Sent again later (the same message), and the finished campaign sends again.
    const requeued = getSqlite()
      .prepare('SELECT status, next_attempt_at AS nextAt FROM campaign_members WHERE id = ?')
      .get(c.recipientIds[0]) as { status: string; nextAt: number };
    expect(requeued.status).toBe('queued');
    expect(requeued.nextAt).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(getSqlite().prepare('SELECT status FROM campaigns WHERE id = ?').pluck().get(c.campaignId)).toBe('sending');
    getSqlite().prepare(`UPDATE campaign_members SET status = 'sent' WHERE id = ?`).run(c.recipientIds[0]);
    expect(await (await soft(2)).json()).toMatchObject({ effect: 'retry' });
    expect(recipient(c.recipientIds[0]!)).toMatchObject({ bouncedAt: null, soft: 2 });
    expect(await (await soft(3)).json()).toMatchObject({ effect: 'not_reached' });
    expect(recipient(c.recipientIds[0]!).reason).toBe('Soft bounce 3 times, now treated as hard: mailbox full');
  });

  it('refuses bad input with a clear 4xx and leaves the database byte-for-byte unchanged', async () => {
    const c = seedSentCampaign(getSqlite(), { recipients: 1, sentAt: Date.now() - DAY });
    const before = snapshotDb();
    const cases: [unknown, number, RegExp][] = [
      ['{not json', 400, /not valid JSON/],
      [{ messageId: c.messageIds[0] }, 400, /"type"/],
      [{ type: 'hard' }, 400, /messageId/],
      [{ messageId: c.messageIds[0], type: 'bounced' }, 400, /hard/],
      [{ address: 'not an address', type: 'hard' }, 400, /address/],
      [{ messageId: c.messageIds[0], type: 'hard', time: Date.now() + DAY }, 400, /future/],
      [{ messageId: '<someone.else@example.com>', type: 'hard' }, 404, /No email of ours/],
      [{ address: 'nobody@nowhere.test', type: 'hard' }, 404, /No email of ours/],
      [{ messageId: c.messageIds[0], type: 'hard', extra: 1 }, 400, /Nothing was stored/],
    ];
    for (const [body, status, message] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(await res.json())).toMatch(message);
    }
    expect((await post({ messageId: c.messageIds[0], type: 'hard' }, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect(snapshotDb()).toBe(before);
  });

  it('at the deadline the batch leaves out exactly the bounced members, with the reason; a later bounce skips at execution', async () => {
    const sentAt = Date.now() - 40 * DAY;
    const c = seedSentCampaign(getSqlite(), { recipients: 4, sentAt, deadlineAt: Date.now() - DAY });
    getSqlite().prepare('UPDATE campaigns SET policy_version_id = ? WHERE id = ?').run(ensurePolicy(getSqlite()), c.campaignId);
    await post({ messageId: c.messageIds[1], type: 'hard', time: sentAt + 1000 });
    const at = Date.now();
    const p = runUnitOfWork(getSqlite(), SYSTEM_ACTOR, at, ({ tx }) => proposeBatch(tx, c.campaignId, at));
    expect(p).toMatchObject({ created: true, members: 3 });
    const rows = getSqlite()
      .prepare('SELECT campaign_member_id AS id, state, reason FROM batch_members WHERE batch_id = ? ORDER BY campaign_member_id')
      .all(p?.batchId) as { id: number; state: string; reason: string | null }[];
    expect(rows).toEqual(
      c.recipientIds.map((id, i) =>
        i === 1 ? { id, state: 'excluded', reason: SKIP_REASONS.notReached } : { id, state: 'included', reason: null },
      ),
    );
    const memberStatus = getSqlite().prepare('SELECT status FROM members WHERE id = ?').pluck();
    expect(memberStatus.get(c.memberIds[1])).toBe('dormant');
    expect(memberStatus.get(c.memberIds[0])).toBe('proposed');

    // Recipient 0's bounce arrives after the proposal: the execution's re-check keeps them.
    await post({ messageId: c.messageIds[0], type: 'complaint', time: at + 1 });
    getSqlite().prepare(`UPDATE batches SET status = 'approved' WHERE id = ?`).run(p?.batchId);
    const done = runUnitOfWork(getSqlite(), SYSTEM_ACTOR, at + 2, ({ tx }) =>
      executeApprovedBatch(tx, p?.batchId ?? 0, null, at + 2, openExecutionJob(tx, p?.batchId ?? 0, 'test', at + 2)),
    );
    expect(done).toMatchObject({ cancelled: 2, skipped: 1, byReason: { [SKIP_REASONS.notReached]: 1 } });
    expect(memberStatus.get(c.memberIds[0])).toBe('dormant');
    expect(memberStatus.get(c.memberIds[1])).toBe('dormant');
    expect(memberStatus.get(c.memberIds[2])).toBe('cancelled');
  });

  it('on a campaign with both channels, a bounced member is shown the message in-app and counts as reached once the app acknowledges it', async () => {
    const sentAt = Date.now() - DAY;
    const c = seedSentCampaign(getSqlite(), { recipients: 1, sentAt, channel: 'both' });
    const res = await post({ messageId: c.messageIds[0], type: 'hard', time: sentAt + 1000 });
    expect(await res.json()).toMatchObject({ effect: 'not_reached' });
    expect(recipient(c.recipientIds[0]!)).toMatchObject({ status: 'sent', bouncedAt: sentAt + 1000 });
    const account = getSqlite().prepare('SELECT account_id FROM members WHERE id = ?').pluck().get(c.memberIds[0]) as string;
    const shown = noticesFor(getSqlite(), account, Date.now());
    expect(shown).toHaveLength(1);
    const ackAt = Date.now();
    const ack = runUnitOfWork(getSqlite(), SYSTEM_ACTOR, ackAt, (uow) =>
      acknowledgeNotice(uow, { messageId: shown[0]!.messageId }),
    );
    expect(ack).toEqual({ kind: 'acknowledged', sentAt: ackAt });
    // Reached in-app: the response window runs from the acknowledgement.
    expect(recipient(c.recipientIds[0]!)).toMatchObject({ status: 'sent', bouncedAt: null });
    const messages = getSqlite()
      .prepare('SELECT channel, delivered_at AS deliveredAt FROM messages WHERE campaign_member_id = ? ORDER BY id')
      .all(c.recipientIds[0]);
    expect(messages).toEqual([
      { channel: 'email', deliveredAt: sentAt },
      { channel: 'in_app', deliveredAt: ackAt },
    ]);
  });
});
