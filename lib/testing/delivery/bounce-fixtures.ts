import type Database from 'better-sqlite3';
import { messageIdFor } from '@/lib/domain/delivery/smtp-errors';
import { type FixtureCampaign, seedQueuedCampaign } from './fixtures';

// A campaign whose email recipients were all sent (their message written and accepted at `sentAt`),
// written with plain SQL, for the bounce tests.

export type SentCampaign = FixtureCampaign & { messageIds: string[]; addresses: string[] };

export function seedSentCampaign(
  sqlite: Database.Database,
  o: { recipients: number; sentAt: number; deadlineAt?: number; channel?: 'email' | 'both' },
): SentCampaign {
  const c = seedQueuedCampaign(sqlite, {
    recipients: o.recipients,
    at: o.sentAt,
    deadlineAt: o.deadlineAt,
    status: 'sending',
  });
  if (o.channel === 'both') sqlite.prepare(`UPDATE campaigns SET channel = 'both' WHERE id = ?`).run(c.campaignId);
  const addresses: string[] = [];
  for (const id of c.recipientIds) {
    const { email } = sqlite
      .prepare('SELECT m.email FROM campaign_members cm JOIN members m ON m.id = cm.member_id WHERE cm.id = ?')
      .get(id) as { email: string };
    addresses.push(email);
    sqlite
      .prepare(
        `INSERT INTO messages (campaign_member_id, channel, to_address, subject, body_html, body_text, created_at, delivered_at, server_response)
         VALUES (?, 'email', ?, 'Last chance', '<p>hi</p>', 'hi', ?, ?, '250 ok')`,
      )
      .run(id, email, o.sentAt, o.sentAt);
    sqlite.prepare(`UPDATE campaign_members SET status = 'sent', sent_at = ?, attempts = 1 WHERE id = ?`).run(o.sentAt, id);
  }
  sqlite.prepare(`UPDATE campaigns SET status = 'awaiting_responses' WHERE id = ?`).run(c.campaignId);
  const messageIds = c.recipientIds.map((id) => messageIdFor(c.campaignId, id, 'no-reply@rekindle.local'));
  return { ...c, messageIds, addresses };
}
