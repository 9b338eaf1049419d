import { buildMessageFor } from '@/lib/delivery/message';
import { publishInApp } from '@/lib/delivery/sending';
import { getSqlite } from '@/lib/testing/db';
import { seedQueuedCampaign } from '@/lib/testing/delivery/fixtures';
import type { ActionMatrixEntry, RouteMatrixEntry } from './types';

// Delivery and suppression rows of the role matrix. Each validInput creates the rows it needs.

const EDITORS = ['admin', 'cx_manager'] as const;
let n = 0;

function member(): string {
  const accountId = `MX-${process.pid}-${++n}`;
  getSqlite()
    .prepare(
      `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, status, status_changed_at)
       VALUES (?, ?, 'Matrix Member', 'GB', 'standard', 999, 'GBP', 0, 'dormant', 0)`,
    )
    .run(accountId, `${accountId.toLowerCase()}@example.test`);
  return accountId;
}

export const actions: ActionMatrixEntry[] = [
  {
    action: 'delivery.pause',
    allowed: EDITORS,
    validInput: () => ({ campaignId: seedQueuedCampaign(getSqlite(), { recipients: 1, status: 'sending' }).campaignId }),
  },
  {
    action: 'delivery.resume',
    allowed: EDITORS,
    validInput: () => ({ campaignId: seedQueuedCampaign(getSqlite(), { recipients: 1, status: 'paused' }).campaignId }),
  },
  {
    action: 'delivery.retryFailed',
    allowed: EDITORS,
    validInput: () => {
      const c = seedQueuedCampaign(getSqlite(), { recipients: 1, status: 'paused' });
      getSqlite()
        .prepare(`UPDATE campaign_members SET status = 'failed', failed_reason = '550 no' WHERE campaign_id = ?`)
        .run(c.campaignId);
      return { campaignId: c.campaignId };
    },
  },
  {
    action: 'suppression.add',
    allowed: EDITORS,
    validInput: () => ({ accountId: member(), reason: 'complaint' }),
  },
  {
    action: 'suppression.remove',
    allowed: EDITORS,
    validInput: () => {
      const accountId = member();
      getSqlite()
        .prepare(
          `INSERT INTO suppressions (member_id, reason, added_by, added_at) SELECT id, 'legal', 't', 0 FROM members WHERE account_id = ?`,
        )
        .run(accountId);
      return { accountId };
    },
  },
  {
    action: 'suppression.import',
    allowed: EDITORS,
    validInput: () => ({ csv: `account_id,reason\n${member()},legal\n${member()},complaint\n` }),
  },
];

export const routes: RouteMatrixEntry[] = [
  { file: 'app/api/notices/route.ts', method: 'GET', auth: 'api-key', validRequest: () => ({ query: { account_id: member() } }) },
  {
    // A published in-app notice of a fresh campaign, acknowledged by its member.
    file: 'app/api/notices/ack/route.ts',
    method: 'POST',
    auth: 'api-key',
    validRequest: () => {
      const sqlite = getSqlite();
      const c = seedQueuedCampaign(sqlite, { recipients: 1, channel: 'in_app' });
      publishInApp(sqlite, (db, id) => buildMessageFor(db, id), Date.now());
      const { id } = sqlite.prepare('SELECT id FROM messages WHERE campaign_member_id = ?').get(c.recipientIds[0]) as {
        id: number;
      };
      return { body: JSON.stringify({ messageId: id }) };
    },
  },
];
