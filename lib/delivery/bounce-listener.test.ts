import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BounceListener, startBounceListener } from '@/lib/runtime/bounce-listener';
import { getSqlite } from '@/lib/testing/db';
import { seedSentCampaign } from '@/lib/testing/delivery/bounce-fixtures';
import { dsnMail } from '@/lib/testing/delivery/dsn-fixtures';
import { waitFor } from '@/lib/testing/delivery/fixtures';

// The inbound SMTP listener: a DSN delivered to it over SMTP marks its recipient not reached.

let listener: BounceListener;
beforeAll(async () => {
  listener = await startBounceListener({ sqlite: getSqlite(), port: 0, host: '127.0.0.1', now: Date.now });
});
afterAll(() => listener.close());

const send = (raw: string) =>
  nodemailer
    .createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true })
    .sendMail({ envelope: { from: '', to: 'bounces@rekindle.local' }, raw });

describe('bounce SMTP listener', () => {
  it('a DSN received over SMTP marks the recipient not reached; one naming no email of ours changes nothing', async () => {
    const c = seedSentCampaign(getSqlite(), { recipients: 2, sentAt: Date.now() - 86_400_000 });
    const date = new Date(Date.now() - 60_000).toUTCString().replace('GMT', '+0000');
    await send(dsnMail({ address: c.addresses[0]!, messageId: c.messageIds[0]!, date }));
    const bounced = () =>
      getSqlite().prepare('SELECT bounce_reason FROM campaign_members WHERE id = ?').pluck().get(c.recipientIds[0]) as
        | string
        | null;
    await waitFor(() => bounced() != null);
    expect(bounced()).toBe('Hard bounce: smtp; 550 5.1.1 <address>: Recipient address rejected: User unknown');
    const bounces = () => getSqlite().prepare('SELECT count(*) FROM bounces').pluck().get() as number;
    const before = bounces();
    await send(dsnMail({ address: 'stranger@example.test', messageId: '<other@elsewhere.test>', date }));
    // The listener answers DATA only once the report is recorded (or found to name nothing of ours).
    expect(bounces()).toBe(before);
    expect(getSqlite().prepare('SELECT bounced_at FROM campaign_members WHERE id = ?').pluck().get(c.recipientIds[1])).toBeNull();
  });
});
