import { beforeAll, describe, expect, it, vi } from 'vitest';
import '@/app/(app)/campaigns/[id]/outbox/actions';
import '@/app/(app)/campaigns/suppression/actions';
import { INTERRUPTED_REASON } from '@/db/delivery';
import { type ActionDef, actionRegistry, executeAction } from '@/lib/runtime/action';
import { getSqlite, snapshotDb, staffByRole, withDemoStaff } from '@/lib/testing/db';
import { recipientRows, seedQueuedCampaign } from '../testing/delivery/fixtures';

// Delivery controls and the suppression list, called below the UI as the staff who use them.

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const def = (name: string) => actionRegistry.get(name) as ActionDef<never, unknown>;
const run = (name: string, input: unknown, role: 'admin' | 'cx_manager' | 'executive' = 'cx_manager') =>
  executeAction(def(name), staffByRole(role), input).then((r) => r.state);
const campaignStatus = (id: number) =>
  (getSqlite().prepare('SELECT status FROM campaigns WHERE id = ?').get(id) as { status: string }).status;
const auditActions = (entityId: string) =>
  getSqlite().prepare('SELECT action, actor_label AS actor FROM audit_log WHERE entity_id = ? ORDER BY id').all(entityId) as {
    action: string;
    actor: string;
  }[];

beforeAll(async () => {
  await withDemoStaff();
});

describe('pause, resume, retry', () => {
  it('pauses and resumes a sending campaign, audited; refuses the wrong state with nothing changed', async () => {
    const c = seedQueuedCampaign(getSqlite(), { recipients: 1 });
    expect(await run('delivery.pause', { campaignId: c.campaignId })).toMatchObject({ ok: true });
    expect(campaignStatus(c.campaignId)).toBe('paused');
    const before = snapshotDb();
    expect(await run('delivery.pause', { campaignId: c.campaignId })).toMatchObject({
      ok: false,
      message: 'Only a campaign that is sending can be paused; this one is paused. Nothing was changed.',
    });
    expect(await run('delivery.pause', { campaignId: c.campaignId }, 'executive')).toMatchObject({ ok: false });
    expect(snapshotDb()).toBe(before);
    expect(await run('delivery.resume', { campaignId: c.campaignId })).toMatchObject({ ok: true });
    expect(campaignStatus(c.campaignId)).toBe('sending');
    expect(auditActions(String(c.campaignId))).toEqual([
      { action: 'delivery.paused', actor: 'cx@rekindle.local' },
      { action: 'delivery.resumed', actor: 'cx@rekindle.local' },
    ]);
  });

  it('retries failed recipients, and interrupted ones only when asked; a finished campaign resumes sending', async () => {
    const sqlite = getSqlite();
    const c = seedQueuedCampaign(sqlite, { recipients: 3 });
    const [a, b] = c.recipientIds;
    sqlite.prepare(`UPDATE campaign_members SET status = 'sent', sent_at = 1 WHERE campaign_id = ?`).run(c.campaignId);
    sqlite
      .prepare(`UPDATE campaign_members SET status = 'failed', attempts = 5, failed_reason = '550 no such user' WHERE id = ?`)
      .run(a);
    sqlite
      .prepare(`UPDATE campaign_members SET status = 'failed', attempts = 1, failed_reason = ? WHERE id = ?`)
      .run(INTERRUPTED_REASON, b);
    sqlite.prepare(`UPDATE campaigns SET status = 'awaiting_responses' WHERE id = ?`).run(c.campaignId);

    expect(await run('delivery.retryFailed', { campaignId: c.campaignId })).toMatchObject({
      ok: true,
      message: '1 failed message queued again.',
    });
    expect(recipientRows(sqlite, c.campaignId).map((r) => [r.status, r.attempts])).toEqual([
      ['queued', 0],
      ['failed', 1],
      ['sent', 0],
    ]);
    expect(campaignStatus(c.campaignId)).toBe('sending');
    const fd = new FormData();
    fd.set('campaignId', String(c.campaignId));
    fd.set('includeInterrupted', 'on');
    expect(await run('delivery.retryFailed', fd)).toMatchObject({ ok: true, message: '1 failed message queued again.' });
    expect(recipientRows(sqlite, c.campaignId)[1]?.status).toBe('queued');

    // Nothing failed any more: refused. Past the deadline: refused, nothing changed.
    expect(await run('delivery.retryFailed', { campaignId: c.campaignId })).toMatchObject({ ok: false });
    sqlite.prepare('UPDATE campaigns SET deadline_at = 1 WHERE id = ?').run(c.campaignId);
    sqlite.prepare(`UPDATE campaign_members SET status = 'failed', failed_reason = 'x' WHERE id = ?`).run(a);
    const before = snapshotDb();
    expect(await run('delivery.retryFailed', { campaignId: c.campaignId })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/deadline has passed/),
    });
    expect(snapshotDb()).toBe(before);
  });
});

describe('suppression list', () => {
  const addMember = (accountId: string) =>
    getSqlite()
      .prepare(
        `INSERT INTO members (account_id, email, country, plan, price_minor, currency, joined_at, status, status_changed_at)
         VALUES (?, ?, 'GB', 'basic', 599, 'GBP', 0, 'dormant', 0)`,
      )
      .run(accountId, `${accountId}@example.test`);

  it('adds with a reason and who, refuses unknown or duplicate accounts, removes (audited)', async () => {
    addMember('S-1');
    expect(await run('suppression.add', { accountId: 'S-1', reason: 'complaint by phone' })).toMatchObject({ ok: true });
    const row = getSqlite()
      .prepare('SELECT reason, added_by AS who FROM suppressions s JOIN members m ON m.id = s.member_id WHERE m.account_id = ?')
      .get('S-1');
    expect(row).toEqual({ reason: 'complaint by phone', who: 'cx@rekindle.local' });
    const before = snapshotDb();
    expect(await run('suppression.add', { accountId: 'S-1', reason: 'again' })).toMatchObject({
      ok: false,
      fieldErrors: { accountId: ['Already on the list.'] },
    });
    expect(await run('suppression.add', { accountId: 'NOPE', reason: 'x' })).toMatchObject({
      ok: false,
      fieldErrors: { accountId: ['No member has this account id.'] },
    });
    expect(await run('suppression.add', { accountId: 'S-1', reason: '' })).toMatchObject({ ok: false });
    expect(await run('suppression.add', { accountId: 'S-1', reason: 'x' }, 'executive')).toMatchObject({ ok: false });
    expect(snapshotDb()).toBe(before);
    expect(await run('suppression.remove', { accountId: 'S-1' }, 'admin')).toMatchObject({ ok: true });
    expect(getSqlite().prepare('SELECT count(*) AS n FROM suppressions').get()).toEqual({ n: 0 });
    const audits = getSqlite()
      .prepare(`SELECT action, before, after FROM audit_log WHERE action LIKE 'suppression.%' ORDER BY id`)
      .all() as { action: string; before: string | null; after: string | null }[];
    expect(audits.map((a) => a.action)).toEqual(['suppression.added', 'suppression.removed']);
    expect(JSON.parse(audits[1]!.before!)).toMatchObject({ accountId: 'S-1', reason: 'complaint by phone' });
  });

  it('imports a CSV all-or-nothing with line numbers; re-importing is harmless', async () => {
    addMember('I-1');
    addMember('I-2');
    const before = snapshotDb();
    const bad = await run('suppression.import', { csv: 'account_id,reason\nI-1,legal\nI-404,complaint\nI-2,\n' });
    expect(bad.ok).toBe(false);
    expect(bad.message).toBe('Nothing was imported. Line 4: reason is empty.');
    const unknown = await run('suppression.import', { csv: 'account_id,reason\nI-1,legal\nI-404,complaint\n' });
    expect(unknown.message).toBe('Nothing was imported. Line 3: no member has account id "I-404".');
    expect(snapshotDb()).toBe(before);
    const file = new File(['account_id,reason\nI-1,legal\nI-2,complaint\n'], 's.csv', { type: 'text/csv' });
    const fd = new FormData();
    fd.set('file', file);
    expect(await run('suppression.import', fd)).toMatchObject({
      ok: true,
      message: 'Imported 2 rows: 2 added, 0 already on the list.',
    });
    expect(await run('suppression.import', fd)).toMatchObject({
      ok: true,
      message: 'Imported 2 rows: 0 added, 2 already on the list.',
    });
  });
});
