import { beforeAll, describe, expect, it } from 'vitest';
import { POST as ack } from '@/app/api/notices/ack/route';
import { GET as notices } from '@/app/api/notices/route';
import { resetConfigCache } from '@/lib/runtime/config';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import { recipientRows, seedQueuedCampaign } from '../testing/delivery/fixtures';
import { buildMessageFor } from './message';
import { expireUnsent, finishSentCampaigns, publishInApp } from './sending';

// In-app notices: the streaming app fetches them with the API key and acknowledges them.

const KEY = 'notices-test-key';
const auth = { authorization: `Bearer ${KEY}` };
beforeAll(() => {
  process.env.INGEST_API_KEY = KEY;
  resetConfigCache();
});

const accountOf = (memberId: number) =>
  (getSqlite().prepare('SELECT account_id AS a FROM members WHERE id = ?').get(memberId) as { a: string }).a;
const fetchNotices = (accountId: string, headers: Record<string, string> = auth) =>
  notices(new Request(`http://x/api/notices?account_id=${encodeURIComponent(accountId)}`, { headers }));
const postAck = (body: unknown, headers: Record<string, string> = auth) =>
  ack(
    new Request('http://x/api/notices/ack', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );

describe('in-app notices', () => {
  it('publishes, serves and acknowledges a notice once; a second ack changes nothing', async () => {
    const sqlite = getSqlite();
    const c = seedQueuedCampaign(sqlite, { recipients: 2, channel: 'in_app', body: 'Hi {{first_name}} <b>' });
    const build = (db: typeof sqlite, id: number) => buildMessageFor(db, id);
    expect(publishInApp(sqlite, build, Date.now())).toBe(2);
    expect(recipientRows(sqlite, c.campaignId).map((r) => r.status)).toEqual(['sending', 'sending']);
    // Nothing is sent until acknowledged, and email-free campaigns still finish their sending phase.
    finishSentCampaigns(sqlite, Date.now());

    const account = accountOf(c.memberIds[0]!);
    const res = await fetchNotices(account);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { notices: { messageId: number; subject: string; html: string; text: string }[] };
    expect(body.notices).toHaveLength(1);
    const [n] = body.notices;
    expect(n?.text).toContain('Hi Member0 <b>');
    expect(n?.html).toContain('Hi Member0 &lt;b&gt;');

    const first = await postAck({ messageId: n!.messageId, accountId: account });
    expect(first.status).toBe(200);
    const j1 = (await first.json()) as { alreadyAcknowledged: boolean; sentAt: number };
    expect(j1.alreadyAcknowledged).toBe(false);
    const [row] = recipientRows(sqlite, c.campaignId);
    expect(row).toMatchObject({ status: 'sent', sentAt: j1.sentAt, memberStatus: 'notified', lastContactedAt: j1.sentAt });

    const before = snapshotDb();
    const again = await postAck({ messageId: n!.messageId });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ acknowledged: true, alreadyAcknowledged: true, sentAt: j1.sentAt });
    expect(snapshotDb()).toBe(before);
    // Acknowledged notices are no longer pending.
    expect(((await (await fetchNotices(account)).json()) as { notices: unknown[] }).notices).toEqual([]);
  });

  it('refuses without the key (401), for another member (404), and after the deadline (withdrawn)', async () => {
    const sqlite = getSqlite();
    const c = seedQueuedCampaign(sqlite, { recipients: 2, channel: 'in_app' });
    publishInApp(sqlite, (db, id) => buildMessageFor(db, id), Date.now());
    const account = accountOf(c.memberIds[0]!);
    const messageId = (
      sqlite.prepare('SELECT id FROM messages WHERE campaign_member_id = ?').get(c.recipientIds[0]) as { id: number }
    ).id;
    const before = snapshotDb();
    expect((await fetchNotices(account, {})).status).toBe(401);
    expect((await fetchNotices(account, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await postAck({ messageId }, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await postAck({ messageId, accountId: accountOf(c.memberIds[1]!) })).status).toBe(404);
    expect((await postAck({ messageId: 'x' })).status).toBe(400);
    expect(snapshotDb()).toBe(before);

    sqlite.prepare('UPDATE campaigns SET deadline_at = ? WHERE id = ?').run(Date.now() - 1, c.campaignId);
    expect(((await (await fetchNotices(account)).json()) as { notices: unknown[] }).notices).toEqual([]);
    expect((await postAck({ messageId })).status).toBe(409);
    expireUnsent(sqlite, Date.now());
    expect(recipientRows(sqlite, c.campaignId).map((r) => r.failedReason)).toEqual([
      'in-app notice not acknowledged before the campaign deadline',
      'in-app notice not acknowledged before the campaign deadline',
    ]);
  });

  it('does not serve a notice to a member suppressed after publication', async () => {
    const sqlite = getSqlite();
    const c = seedQueuedCampaign(sqlite, { recipients: 1, channel: 'in_app' });
    publishInApp(sqlite, (db, id) => buildMessageFor(db, id), Date.now());
    sqlite.prepare(`INSERT INTO suppressions VALUES (?, 'legal', 't', 1)`).run(c.memberIds[0]);
    expect(((await (await fetchNotices(accountOf(c.memberIds[0]!))).json()) as { notices: unknown[] }).notices).toEqual([]);
  });
});
