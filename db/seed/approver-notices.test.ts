import { expect, it } from 'vitest';
import { DAY, DEADLINE, insertCampaign, insertRecipient } from '@/lib/testing/batches/fixtures';
import { proposeBatchForCampaign, submitBatch } from '@/lib/testing/batches/steps';
import { getSqlite, staffByRole, withDemoStaff } from '@/lib/testing/db';
import { seedApproverNotices } from './approver-notices';
import { mulberry32 } from './context';

it('the demo records the submit emails and one reminder per approver for a batch waiting past the hours, all sent', async () => {
  const sqlite = getSqlite();
  await withDemoStaff();
  const campaignId = insertCampaign(sqlite);
  insertRecipient(sqlite, campaignId, { accountId: 'SEED-N-1' });
  const batchId = proposeBatchForCampaign(sqlite, campaignId, DEADLINE + 1)!;
  const approver = staffByRole('approver', 'approver@rekindle.local');
  submitBatch(sqlite, batchId, { id: approver.id, label: approver.email }, DEADLINE + DAY);
  const ctx = { sqlite, now: DEADLINE + 5 * DAY, members: 1, rng: mulberry32(1), log: () => {} };

  expect(seedApproverNotices(ctx)).toEqual({ reminders: 2, sent: 4 });
  const rows = sqlite
    .prepare(
      'SELECT s.email, n.kind, n.status, n.sent_at - n.created_at AS delay FROM staff_notices n JOIN staff s ON s.id = n.staff_id ORDER BY n.kind, s.email',
    )
    .all();
  expect(rows).toEqual([
    { email: 'admin@rekindle.local', kind: 'reminder', status: 'sent', delay: 60_000 },
    { email: 'approver2@rekindle.local', kind: 'reminder', status: 'sent', delay: 60_000 },
    { email: 'admin@rekindle.local', kind: 'submitted', status: 'sent', delay: 60_000 },
    { email: 'approver2@rekindle.local', kind: 'submitted', status: 'sent', delay: 60_000 },
  ]);
  // Run again (a re-seed over the same file): nothing new.
  expect(seedApproverNotices(ctx)).toEqual({ reminders: 0, sent: 0 });
});
