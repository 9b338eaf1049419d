import { beforeAll, describe, expect, it } from 'vitest';
import { POST as postmark } from '@/app/api/bounces/postmark/route';
import { POST as ses } from '@/app/api/bounces/ses/route';
import { resetConfigCache } from '@/lib/runtime/config';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import { seedSentCampaign } from '@/lib/testing/delivery/bounce-fixtures';
import {
  postmarkBounce,
  postmarkComplaint,
  sesBounce,
  sesComplaint,
  snsSubscriptionConfirmation,
} from '@/lib/testing/delivery/provider-payloads';

// The SES (through SNS) and Postmark webhooks, fed the documented payload shapes.

const KEY = 'webhook-test-key';
const DAY = 86_400_000;
beforeAll(() => {
  process.env.INGEST_API_KEY = KEY;
  resetConfigCache();
});
const basic = `Basic ${Buffer.from(`bounces:${KEY}`).toString('base64')}`;
const call = (handler: (r: Request) => Promise<Response>, body: unknown, headers: Record<string, string> = {}) =>
  handler(
    new Request('http://x/api/bounces/x', {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=UTF-8', authorization: basic, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
const bounceOf = (id: number) =>
  getSqlite().prepare('SELECT bounced_at AS at, bounce_reason AS reason FROM campaign_members WHERE id = ?').get(id) as {
    at: number | null;
    reason: string | null;
  };
const iso = (ms: number) => new Date(ms).toISOString();

describe('bounce webhooks', () => {
  it('SES: a permanent bounce and a complaint find their messages by our Message-ID; a transient one is retried', async () => {
    const sentAt = Date.now() - DAY;
    const c = seedSentCampaign(getSqlite(), { recipients: 3, sentAt });
    const hard = await call(ses, sesBounce({ address: c.addresses[0]!, messageId: c.messageIds[0]!, at: iso(sentAt + 5000) }), {
      'x-amz-sns-message-type': 'Notification',
    });
    expect(hard.status).toBe(200);
    expect(bounceOf(c.recipientIds[0]!)).toEqual({ at: sentAt + 5000, reason: 'Hard bounce: smtp; 550 5.1.1 user unknown' });
    await call(ses, sesComplaint({ address: 'forwarded@elsewhere.test', messageId: c.messageIds[1]!, at: iso(sentAt + 6000) }));
    expect(bounceOf(c.recipientIds[1]!)).toEqual({ at: sentAt + 6000, reason: 'Spam complaint: abuse' });
    const soft = await call(
      ses,
      sesBounce({ address: c.addresses[2]!, messageId: c.messageIds[2]!, at: iso(sentAt + 7000), permanent: false }),
    );
    expect(await soft.json()).toEqual({ results: [{ recorded: true, recipientId: c.recipientIds[2], effect: 'retry' }] });
    expect(bounceOf(c.recipientIds[2]!).at).toBeNull();
  });

  it('SES: a subscription confirmation is kept for a person to confirm, never fetched', async () => {
    const res = await call(ses, snsSubscriptionConfirmation(), { 'x-amz-sns-message-type': 'SubscriptionConfirmation' });
    expect(res.status).toBe(200);
    const kept = getSqlite()
      .prepare(
        `SELECT value FROM app_settings WHERE key = 'bounces.sns_subscription:arn:aws:sns:us-west-2:123456789012:ses-bounces'`,
      )
      .pluck()
      .get() as string;
    expect(JSON.parse(kept).subscribeUrl).toMatch(/^https:\/\/sns\.us-west-2\.amazonaws\.com\/\?Action=ConfirmSubscription/);
  });

  it('Postmark: a hard bounce by address, our Message-ID from the dump when present, and a complaint', async () => {
    const sentAt = Date.now() - DAY;
    const c = seedSentCampaign(getSqlite(), { recipients: 2, sentAt });
    const res = await call(postmark, postmarkBounce({ address: c.addresses[0]!, at: iso(sentAt + 1000) }));
    expect(await res.json()).toEqual({ results: [{ recorded: true, recipientId: c.recipientIds[0], effect: 'not_reached' }] });
    expect(bounceOf(c.recipientIds[0]!).reason).toBe(
      'Hard bounce: smtp;550 5.1.1 The email account that you tried to reach does not exist.',
    );
    await call(postmark, postmarkComplaint({ address: c.addresses[1]!, at: iso(sentAt + 2000) }), {
      authorization: `Bearer ${KEY}`,
    });
    expect(bounceOf(c.recipientIds[1]!).reason).toMatch(/^Spam complaint/);
  });

  it('acknowledges what is not a bounce, refuses malformed bodies and wrong keys with the database unchanged', async () => {
    const c = seedSentCampaign(getSqlite(), { recipients: 1, sentAt: Date.now() - DAY });
    const before = snapshotDb();
    const delivery = { RecordType: 'Delivery', Email: c.addresses[0], DeliveredAt: iso(Date.now()) };
    expect(await (await call(postmark, delivery)).json()).toMatchObject({ recorded: false });
    const autoReply = postmarkBounce({ address: c.addresses[0]!, at: iso(Date.now()), type: 'AutoResponder' });
    expect(await (await call(postmark, autoReply)).json()).toMatchObject({ recorded: false });
    expect((await call(postmark, { RecordType: 'Bounce', Email: c.addresses[0] })).status).toBe(400);
    expect((await call(ses, { Type: 'Notification', TopicArn: 'x', Message: 'not json' })).status).toBe(400);
    expect((await call(ses, 'nope')).status).toBe(400);
    const future = sesBounce({ address: c.addresses[0]!, messageId: c.messageIds[0]!, at: iso(Date.now() + DAY) });
    expect((await call(ses, future)).status).toBe(400);
    const wrong = `Basic ${Buffer.from('bounces:wrong').toString('base64')}`;
    expect(
      (await call(postmark, postmarkBounce({ address: c.addresses[0]!, at: iso(Date.now()) }), { authorization: wrong })).status,
    ).toBe(401);
    expect(snapshotDb()).toBe(before);
  });
});
