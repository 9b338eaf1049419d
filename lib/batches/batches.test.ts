import { beforeEach, describe, expect, it } from 'vitest';
import { SKIP_REASONS } from '@/lib/domain/batches/eligibility';
import { DAY, DEADLINE, insertCampaign, insertRecipient, memberIdOf, recordViewSql, T0 } from '@/lib/testing/batches/fixtures';
import {
  decideBatch,
  eraseMember,
  excludeMember,
  executeBatch,
  proposeBatchForCampaign,
  purgeExpired,
  rejoinMember,
  submitBatch,
} from '@/lib/testing/batches/steps';
import { getSqlite, snapshotDb, staffByRole, withDemoStaff } from '@/lib/testing/db';
import { purgeExpiredInChunks } from './retention';

const AT = DEADLINE + 1000;

function state(batchId: number) {
  return Object.fromEntries(
    (
      getSqlite()
        .prepare(
          'SELECT m.account_id AS a, bm.state, bm.reason FROM batch_members bm JOIN members m ON m.id = bm.member_id WHERE batch_id = ? ORDER BY 1',
        )
        .all(batchId) as { a: string; state: string; reason: string | null }[]
    ).map((r) => [r.a, r.reason ? `${r.state}: ${r.reason}` : r.state]),
  );
}
const member = (a: string) =>
  getSqlite()
    .prepare(
      'SELECT status, cancelled_at, cancelled_batch_id, retention_until, email, purged_at FROM members WHERE account_id = ?',
    )
    .get(a) as {
    status: string;
    cancelled_at: number | null;
    cancelled_batch_id: number | null;
    retention_until: number | null;
    email: string | null;
    purged_at: number | null;
  };

let campaignId: number;
let approver1: { id: number; label: string };
let approver2: { id: number; label: string };

beforeEach(async () => {
  const sqlite = getSqlite();
  sqlite.exec(
    'DELETE FROM batch_members; DELETE FROM batches; DELETE FROM rejoins; DELETE FROM keep_confirmations; DELETE FROM campaign_members; DELETE FROM campaign_variants; DELETE FROM campaigns; DELETE FROM members; DELETE FROM viewing_events; DELETE FROM viewing_events_recent; DELETE FROM jobs;',
  );
  await withDemoStaff();
  const a1 = staffByRole('approver', 'approver@rekindle.local');
  const a2 = staffByRole('approver', 'approver2@rekindle.local');
  approver1 = { id: a1.id, label: a1.email };
  approver2 = { id: a2.id, label: a2.email };
  campaignId = insertCampaign(sqlite);
  const r = (accountId: string, s: Omit<Parameters<typeof insertRecipient>[2], 'accountId'> = {}) =>
    insertRecipient(sqlite, campaignId, { accountId, ...s });
  r('A-ELIGIBLE');
  r('B-HOLDOUT', { recipient: 'holdout' });
  r('C-CONFIRMED', { confirmedAt: T0 + DAY });
  r('D-KEEPLINK', { keepConfirmation: true });
  r('E-VIEWED', { lastViewedAt: T0 + 2 * DAY, status: 'active' });
  r('F-FAILED', { recipient: 'failed' });
  r('G-RECENT', { lastViewedAt: T0 - 10 * DAY, status: 'notified' }); // watched before the message, but recently
  r('H-CANCELLED', { status: 'cancelled' });
  r('I-NEVER', { lastViewedAt: null, joinedAt: T0 - 500 * DAY });
  r('J-NEWCOMER', { lastViewedAt: null, joinedAt: T0 - 100 * DAY });
  r('K-ELIGIBLE', { country: 'FR', plan: 'premium', priceMinor: 1399, currency: 'EUR' });
  r('L-ELIGIBLE', { country: 'US', plan: 'premium', priceMinor: 1549, currency: 'USD' });
});

describe('proposal', () => {
  it('picks exactly the sent, unconfirmed, unwatched, still-dormant recipients and never the holdout', () => {
    const id = proposeBatchForCampaign(getSqlite(), campaignId, AT)!;
    expect(state(id)).toEqual({
      'A-ELIGIBLE': 'included',
      'I-NEVER': 'included',
      'K-ELIGIBLE': 'included',
      'L-ELIGIBLE': 'included',
    });
    expect(member('A-ELIGIBLE').status).toBe('proposed');
    expect(member('B-HOLDOUT').status).toBe('notified');
    const b = getSqlite()
      .prepare('SELECT status, policy_version_id AS pv, proposer_id AS proposer FROM batches WHERE id = ?')
      .get(id);
    expect(b).toEqual({ status: 'proposed', pv: 1, proposer: null });
  });
  it('is idempotent: a second call returns the same batch and changes nothing', () => {
    const id = proposeBatchForCampaign(getSqlite(), campaignId, AT);
    const before = snapshotDb();
    expect(proposeBatchForCampaign(getSqlite(), campaignId, AT + DAY)).toBe(id);
    expect(snapshotDb()).toBe(before);
  });
  it('proposes nothing before the deadline', () => {
    const before = snapshotDb();
    expect(proposeBatchForCampaign(getSqlite(), campaignId, DEADLINE - 1)).toBeNull();
    expect(snapshotDb()).toBe(before);
  });
  it('does not put a member already in an open batch into a second one', () => {
    const first = proposeBatchForCampaign(getSqlite(), campaignId, AT)!;
    const second = insertCampaign(getSqlite(), { name: 'Second' });
    const variant = getSqlite().prepare('SELECT id FROM campaign_variants WHERE campaign_id = ?').get(second) as { id: number };
    getSqlite()
      .prepare(
        `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, sent_at, outcome) VALUES (?, ?, ?, 'email', 'sent', ?, ?, 'pending')`,
      )
      .run(second, memberIdOf(getSqlite(), 'A-ELIGIBLE'), variant.id, T0, T0);
    expect(proposeBatchForCampaign(getSqlite(), second, AT)).toBeNull();
    expect(first).toBeGreaterThan(0);
  });
});

describe('four-eyes approval', () => {
  let id: number;
  beforeEach(() => {
    id = proposeBatchForCampaign(getSqlite(), campaignId, AT)!;
    submitBatch(getSqlite(), id, approver1, AT + 1);
  });
  it('refuses the proposer’s own approval, whatever the role, and changes nothing', () => {
    const before = snapshotDb();
    expect(() => decideBatch(getSqlite(), id, 'approve', 'ok', approver1, AT + 2)).toThrow(/another approver/);
    expect(snapshotDb()).toBe(before);
  });
  it('refuses an approval without a comment and changes nothing', () => {
    const before = snapshotDb();
    expect(() => decideBatch(getSqlite(), id, 'approve', '   ', approver2, AT + 2)).toThrow(/comment/);
    expect(snapshotDb()).toBe(before);
  });
  it('approving twice has the effect of one decision; the second gets a clear message', () => {
    decideBatch(getSqlite(), id, 'approve', 'Checked the list', approver2, AT + 2);
    const before = snapshotDb();
    expect(() => decideBatch(getSqlite(), id, 'reject', 'no', approver2, AT + 3)).toThrow(
      /already approved by approver2@rekindle.local/,
    );
    expect(snapshotDb()).toBe(before);
    const audits = getSqlite()
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('batch.approve','batch.reject')")
      .get();
    expect(audits).toEqual({ n: 1 });
  });
  it('refuses excluding a member who is not in the batch, changing nothing', () => {
    const before = snapshotDb();
    expect(() => excludeMember(getSqlite(), id, 'B-HOLDOUT', 'vip', '', approver2, AT + 2)).toThrow(/not in this batch/);
    expect(snapshotDb()).toBe(before);
  });
  it('refuses executing an unapproved or a rejected batch, changing nothing', () => {
    let before = snapshotDb();
    expect(() => executeBatch(getSqlite(), id, approver2, AT + 3)).toThrow(/not been approved/);
    expect(snapshotDb()).toBe(before);
    decideBatch(getSqlite(), id, 'reject', 'Wrong segment', approver2, AT + 2);
    expect(member('A-ELIGIBLE').status).toBe('dormant');
    before = snapshotDb();
    expect(() => executeBatch(getSqlite(), id, approver2, AT + 3)).toThrow(/rejected/);
    expect(snapshotDb()).toBe(before);
  });
});

describe('execution', () => {
  let id: number;
  beforeEach(() => {
    id = proposeBatchForCampaign(getSqlite(), campaignId, AT)!;
    submitBatch(getSqlite(), id, approver1, AT + 1);
    excludeMember(getSqlite(), id, 'K-ELIGIBLE', 'open_complaint', 'ticket 42', approver2, AT + 2);
    decideBatch(getSqlite(), id, 'approve', 'Looks right', approver2, AT + 3);
  });
  it('cancels the eligible, skips a member who watched after the proposal with the reason, keeps the excluded', () => {
    recordViewSql(getSqlite(), memberIdOf(getSqlite(), 'L-ELIGIBLE'), AT + 5);
    const at = AT + DAY;
    const r = executeBatch(getSqlite(), id, approver1, at);
    expect(r.cancelled).toBe(2);
    expect(r.byReason).toEqual({ [SKIP_REASONS.viewed]: 1 });
    expect(state(id)).toEqual({
      'A-ELIGIBLE': 'cancelled',
      'I-NEVER': 'cancelled',
      'K-ELIGIBLE': 'excluded: Open complaint: ticket 42',
      'L-ELIGIBLE': `skipped: ${SKIP_REASONS.viewed}`,
    });
    expect(member('A-ELIGIBLE')).toMatchObject({
      status: 'cancelled',
      cancelled_at: at,
      cancelled_batch_id: id,
      retention_until: at + 300 * DAY,
    });
    expect(member('L-ELIGIBLE').status).toBe('active');
    expect(member('K-ELIGIBLE').status).toBe('dormant');
    const job = getSqlite().prepare('SELECT status, progress, total FROM jobs WHERE kind = ?').get(`batch.execute:${id}`);
    expect(job).toEqual({ status: 'done', progress: 3, total: 3 });
  });
  it('a member who confirmed after the proposal is skipped', () => {
    getSqlite()
      .prepare('UPDATE campaign_members SET confirmed_at = ? WHERE member_id = ?')
      .run(AT + 10, memberIdOf(getSqlite(), 'I-NEVER'));
    executeBatch(getSqlite(), id, approver1, AT + DAY);
    expect(state(id)['I-NEVER']).toBe(`skipped: ${SKIP_REASONS.confirmed}`);
  });
  it('running it again cancels nobody twice and changes nothing', () => {
    executeBatch(getSqlite(), id, approver1, AT + DAY);
    const before = snapshotDb();
    expect(() => executeBatch(getSqlite(), id, approver1, AT + 2 * DAY)).toThrow(/already been executed/);
    expect(snapshotDb()).toBe(before);
  });
});

describe('rejoin and retention', () => {
  let id: number;
  const at = AT + DAY;
  beforeEach(() => {
    id = proposeBatchForCampaign(getSqlite(), campaignId, AT)!;
    submitBatch(getSqlite(), id, approver1, AT + 1);
    decideBatch(getSqlite(), id, 'approve', 'ok', approver2, AT + 2);
    executeBatch(getSqlite(), id, approver1, at);
  });
  const cx = { id: 2, label: 'cx@rekindle.local' };
  it('restores a member within the window with a rejoins row at the price at cancellation', () => {
    const r = rejoinMember(
      getSqlite(),
      { accountId: 'K-ELIGIBLE' },
      { rejoinedAt: at + 10 * DAY, at: at + 10 * DAY, source: 'cx', actor: cx },
    );
    expect(r.alreadyRejoined).toBe(false);
    expect(member('K-ELIGIBLE')).toMatchObject({
      status: 'active',
      cancelled_at: null,
      cancelled_batch_id: null,
      retention_until: null,
    });
    const row = getSqlite().prepare('SELECT batch_id, cancelled_at, price_minor, currency, source FROM rejoins').get();
    expect(row).toEqual({ batch_id: id, cancelled_at: at, price_minor: 1399, currency: 'EUR', source: 'cx' });
    // A repeated call (an API retry) is recognised, not double-counted.
    const again = rejoinMember(
      getSqlite(),
      { accountId: 'K-ELIGIBLE' },
      { rejoinedAt: at + 11 * DAY, at: at + 11 * DAY, source: 'api', actor: cx },
    );
    expect(again.alreadyRejoined).toBe(true);
    expect(getSqlite().prepare('SELECT count(*) AS n FROM rejoins').get()).toEqual({ n: 1 });
  });
  it('refuses a rejoin after the window, changing nothing', () => {
    const before = snapshotDb();
    const late = at + 301 * DAY;
    expect(() =>
      rejoinMember(getSqlite(), { accountId: 'A-ELIGIBLE' }, { rejoinedAt: late, at: late, source: 'cx', actor: cx }),
    ).toThrow(/retention window ended/);
    expect(snapshotDb()).toBe(before);
  });
  it('purges expired members (rows kept) and refuses to rejoin a purged member', () => {
    expect(purgeExpired(getSqlite(), at + 299 * DAY, { id: null, label: 'system' }).purged).toBe(0);
    expect(purgeExpired(getSqlite(), at + 300 * DAY, { id: null, label: 'system' }).purged).toBe(4);
    expect(member('A-ELIGIBLE')).toMatchObject({ status: 'cancelled', email: null, purged_at: at + 300 * DAY });
    const before = snapshotDb();
    expect(() =>
      rejoinMember(
        getSqlite(),
        { accountId: 'A-ELIGIBLE' },
        { rejoinedAt: at + 300 * DAY, at: at + 300 * DAY, source: 'cx', actor: cx },
      ),
    ).toThrow(/erased/);
    expect(snapshotDb()).toBe(before);
  });
  it('purges in chunks as the daily cycle does: the same members, one job row and one audit entry', async () => {
    const sqlite = getSqlite();
    const end = at + 300 * DAY;
    const counts = () =>
      sqlite
        .prepare(
          `SELECT (SELECT count(*) FROM jobs WHERE kind = 'retention.purge') AS jobs,
             (SELECT count(*) FROM audit_log WHERE action = 'retention.purge') AS audits`,
        )
        .get() as { jobs: number; audits: number };
    const before = counts();
    const r = await purgeExpiredInChunks(sqlite, { id: null, label: 'system' }, end, 1);
    expect(r.purged).toBe(4);
    expect(member('A-ELIGIBLE')).toMatchObject({ status: 'cancelled', email: null, purged_at: end });
    expect(counts()).toEqual({ jobs: before.jobs + 1, audits: before.audits + 1 });
    expect((await purgeExpiredInChunks(sqlite, { id: null, label: 'system' }, end, 1)).purged).toBe(0);
  });
  it('erases a member at once, auditing without the erased values', () => {
    eraseMember(getSqlite(), memberIdOf(getSqlite(), 'B-HOLDOUT'), at, { id: 1, label: 'admin@rekindle.local' });
    expect(member('B-HOLDOUT')).toMatchObject({ email: null, purged_at: at });
    const a = getSqlite().prepare("SELECT before, after FROM audit_log WHERE action = 'member.erase'").get() as {
      before: null;
      after: string;
    };
    expect(a.before).toBeNull();
    expect(a.after).not.toMatch(/example\.com|Member B/);
  });
});
