import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '@/db/audit';
import { refreshOverviewAggregates } from '@/db/metrics-refresh';
import { eraseOne } from '@/db/retention.sql';
import { runUnitOfWork } from '@/db/unit-of-work';
import { executeBatch } from '@/lib/batches/execute';
import { rejoinMember } from '@/lib/batches/rejoin';
import { closeDueCampaigns } from '@/lib/campaigns/close-due';
import { SKIP_REASONS } from '@/lib/domain/batches/eligibility';
import { paidPeriodEnd } from '@/lib/domain/keep/period';
import { parseOverviewFilters } from '@/lib/domain/metrics/filters';
import { signKeepToken } from '@/lib/keep/keep-token';
import { loadOverview } from '@/lib/overview/overview';
import { type ActionDef, actionRegistry, executeAction } from '@/lib/runtime/action';
import { config } from '@/lib/runtime/config';
import { getSqlite, snapshotDb, withDemoStaff } from '../testing/db';
import { cancelChosenToLeave } from './cancel-chosen-to-leave';
import '@/app/keep/actions';

// The keep page's three answers through the real public action, then what follows from them: the
// batch at the deadline, the period-end job and a rejoin.

vi.mock('next/headers', async () => (await import('../testing/next-headers-mock')).nextHeadersMock);

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 4, 12); // 4 December 2026
const JOINED = Date.UTC(2023, 0, 31, 9); // joined on the 31st: the paid month ends on 31 December
const keep = () => actionRegistry.get('keep.confirm') as ActionDef<never, unknown>;
const sqlite = () => getSqlite();
let campaignId = 0;
let deadline = 0;
const rec: Record<'keeper' | 'offerTaker' | 'leaver' | 'silent', { cm: number; member: number; token: string }> = {} as never;

beforeAll(async () => {
  // The action's clock: answers happen on 4 December 2026 whatever day the suite runs.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  await withDemoStaff();
  const db = sqlite();
  deadline = NOW + 20 * DAY;
  db.prepare(
    `INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'test', ?)`,
  ).run(NOW - 100 * DAY);
  campaignId = Number(
    db
      .prepare(
        `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, send_started_at, deadline_at, created_by, created_at, updated_at)
         VALUES ('Answers', 'awaiting_responses', 1, '{}', 'email', 0, 1, ?, ?, 1, ?, ?)`,
      )
      .run(NOW - DAY, deadline, NOW - DAY, NOW - DAY).lastInsertRowid,
  );
  const variantId = Number(
    db
      .prepare(
        `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, offer, subject_template, body_template) VALUES (?, 'A', 'A', 100, 'free_month', 's', 'b')`,
      )
      .run(campaignId).lastInsertRowid,
  );
  for (const who of ['keeper', 'offerTaker', 'leaver', 'silent'] as const) {
    const member = Number(
      db
        .prepare(
          `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, language, joined_at, status, status_changed_at, dormant_reason, dormant_since)
           VALUES (?, ?, 'Camille Martin', 'FR', 'standard', 1299, 'EUR', 'fr', ?, 'notified', ?, 'never_watched', ?)`,
        )
        .run(`ans-${who}`, `${who}@example.com`, JOINED, NOW, JOINED + 365 * DAY).lastInsertRowid,
    );
    const cm = Number(
      db
        .prepare(
          `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, attempts, sent_at)
           VALUES (?, ?, ?, 'email', 'sent', ?, 1, ?)`,
        )
        .run(campaignId, member, variantId, NOW - DAY, NOW - DAY).lastInsertRowid,
    );
    rec[who] = { cm, member, token: signKeepToken(cm, deadline, config().KEEP_LINK_SECRET) };
  }
});

async function answer(token: string, input: Record<string, string> = {}) {
  const before = snapshotDb();
  const { state } = await executeAction(keep(), null, { token, ...input });
  const data = state.data as { state?: string; answer?: string; endsAt?: number } | undefined;
  return { ...data, ok: state.ok, unchanged: snapshotDb() === before };
}

const cmRow = (id: number) =>
  sqlite()
    .prepare('SELECT outcome, confirmed_at AS confirmedAt, offer_accepted AS offer FROM campaign_members WHERE id = ?')
    .get(id);
const memberRow = (id: number) =>
  sqlite()
    .prepare(
      'SELECT status, cancelled_at AS cancelledAt, cancelled_batch_id AS batchId, cancellation_source AS source, retention_until AS retentionUntil FROM members WHERE id = ?',
    )
    .get(id) as {
    status: string;
    cancelledAt: number | null;
    batchId: number | null;
    source: string | null;
    retentionUntil: number | null;
  };

describe('the three answers, each once', () => {
  it('keep: confirmed without the offer', async () => {
    expect(await answer(rec.keeper.token, { answer: 'keep' })).toMatchObject({
      state: 'confirmed',
      answer: 'kept',
      unchanged: false,
    });
    expect(cmRow(rec.keeper.cm)).toMatchObject({ outcome: 'confirmed', offer: 0 });
  });

  it('keep and take the offer: confirmed with the offer accepted', async () => {
    expect(await answer(rec.offerTaker.token, { answer: 'offer' })).toMatchObject({ state: 'confirmed', answer: 'offer' });
    expect(cmRow(rec.offerTaker.cm)).toMatchObject({ outcome: 'confirmed', offer: 1 });
  });

  it('cancel now: chose to leave with the reason, the note cut at 500 characters, ending at the paid month’s end', async () => {
    const r = await answer(rec.leaver.token, { answer: 'leave', reason: 'too_expensive', note: `${'é'.repeat(600)}` });
    const endsAt = paidPeriodEnd(JOINED, NOW);
    expect(new Date(endsAt).toISOString()).toBe('2026-12-31T00:00:00.000Z');
    expect(r).toMatchObject({ ok: true, state: 'confirmed', answer: 'left', endsAt });
    expect(cmRow(rec.leaver.cm)).toMatchObject({ outcome: 'chose_to_leave', confirmedAt: null, offer: 0 });
    const req = sqlite()
      .prepare('SELECT reason, note, ends_at AS endsAt, cancelled_at AS c FROM leave_requests WHERE member_id = ?')
      .get(rec.leaver.member) as {
      reason: string;
      note: string;
      endsAt: number;
      c: number | null;
    };
    expect(req).toMatchObject({ reason: 'too_expensive', endsAt, c: null });
    expect(req.note).toHaveLength(500);
    // Not cancelled yet: they keep what they paid for.
    expect(memberRow(rec.leaver.member)).toMatchObject({ status: 'dormant', cancelledAt: null });
  });

  it('a second answer on any link changes nothing and shows the first answer', async () => {
    expect(await answer(rec.keeper.token, { answer: 'leave', reason: 'other' })).toMatchObject({
      state: 'used',
      answer: 'kept',
      unchanged: true,
    });
    expect(await answer(rec.leaver.token, { answer: 'keep' })).toMatchObject({ state: 'used', answer: 'left', unchanged: true });
    expect(await answer(rec.offerTaker.token, { answer: 'offer' })).toMatchObject({
      state: 'used',
      answer: 'offer',
      unchanged: true,
    });
  });

  it('an unknown reason is dropped, not an error', async () => {
    const extra = sqlite();
    const member = Number(
      extra
        .prepare(
          `INSERT INTO members (account_id, country, plan, price_minor, currency, joined_at, status, status_changed_at) VALUES ('ans-odd', 'US', 'basic', 999, 'USD', ?, 'notified', ?)`,
        )
        .run(JOINED, NOW).lastInsertRowid,
    );
    const cm = Number(
      extra
        .prepare(
          `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, attempts, sent_at) VALUES (?, ?, 1, 'email', 'sent', ?, 1, ?)`,
        )
        .run(campaignId, member, NOW - DAY, NOW - DAY).lastInsertRowid,
    );
    const r = await answer(signKeepToken(cm, deadline, config().KEEP_LINK_SECRET), { answer: 'leave', reason: 'x'.repeat(80) });
    expect(r).toMatchObject({ ok: true, answer: 'left' });
    expect(extra.prepare('SELECT reason, note FROM leave_requests WHERE campaign_member_id = ?').get(cm)).toEqual({
      reason: null,
      note: null,
    });
  });
});

describe('after the deadline and at the period end', () => {
  it('the batch proposes only the member who did not answer; its execution skips a leaver put in it', () => {
    vi.setSystemTime(deadline);
    closeDueCampaigns(sqlite(), deadline);
    const batch = sqlite().prepare('SELECT id FROM batches WHERE campaign_id = ?').get(campaignId) as { id: number };
    const included = sqlite()
      .prepare(`SELECT member_id AS m FROM batch_members WHERE batch_id = ? AND state = 'included'`)
      .all(batch.id)
      .map((r) => (r as { m: number }).m);
    expect(included).toEqual([rec.silent.member]);

    // Even if a leaver were in the batch, the execution's re-check skips them with their own reason.
    sqlite()
      .prepare(
        `INSERT INTO batch_members (batch_id, member_id, campaign_member_id, state, price_minor, currency, country, plan) VALUES (?, ?, ?, 'included', 1299, 'EUR', 'FR', 'standard')`,
      )
      .run(batch.id, rec.leaver.member, rec.leaver.cm);
    sqlite().prepare(`UPDATE batches SET status = 'approved' WHERE id = ?`).run(batch.id);
    const r = executeBatch(sqlite(), batch.id, SYSTEM_ACTOR, deadline + 1);
    expect(r.cancelled).toBe(1);
    expect(r.byReason).toEqual({ [SKIP_REASONS.choseToLeave]: 1 });
    expect(memberRow(rec.silent.member)).toMatchObject({ status: 'cancelled', source: 'batch', batchId: batch.id });
    expect(memberRow(rec.leaver.member)).toMatchObject({ cancelledAt: null });
  });

  it('the job cancels the leaver at the period end, not before, at their own request, once', () => {
    const endsAt = paidPeriodEnd(JOINED, NOW);
    expect(cancelChosenToLeave(sqlite(), endsAt - 1)).toEqual({ cancelled: 0, alreadyCancelled: 0 });
    expect(memberRow(rec.leaver.member).status).not.toBe('cancelled');
    expect(cancelChosenToLeave(sqlite(), endsAt + 3 * DAY).cancelled).toBe(2); // the leaver and the extra member
    expect(memberRow(rec.leaver.member)).toEqual({
      status: 'cancelled',
      cancelledAt: endsAt,
      batchId: null,
      source: 'member_request',
      retentionUntil: endsAt + 300 * DAY,
    });
    const audit = sqlite()
      .prepare(`SELECT actor_label AS who FROM audit_log WHERE action = 'member.cancel_own_request' AND entity_id = ?`)
      .all(String(rec.leaver.member));
    expect(audit).toEqual([{ who: SYSTEM_ACTOR.label }]);
    const before = snapshotDb();
    expect(cancelChosenToLeave(sqlite(), endsAt + 4 * DAY)).toEqual({ cancelled: 0, alreadyCancelled: 0 });
    expect(snapshotDb()).toBe(before);
  });

  it('the overview counts them apart, as an SQL recomputation from the members and recipients does', () => {
    const at = paidPeriodEnd(JOINED, NOW) + 3 * DAY;
    refreshOverviewAggregates(sqlite(), at);
    const today = new Date(at).toISOString().slice(0, 10);
    const { filters } = parseOverviewFilters(
      { from: '2026-06', to: '2027-01' },
      { today, countries: ['FR', 'US'], plans: ['basic', 'standard'] },
    );
    const o = loadOverview(sqlite(), filters, at);
    const n = (q: string) => (sqlite().prepare(q).get() as { n: number }).n;
    const funnel = Object.fromEntries(o.funnel.table.rows.map((r) => [r[0], r[1]]));
    expect(funnel['Chose to leave (cancelled at own request, not in a batch)']).toBe(
      n(`SELECT count(*) AS n FROM campaign_members WHERE outcome = 'chose_to_leave' AND variant_id IS NOT NULL`),
    );
    expect(funnel['Won back (confirmed or reactivated)']).toBe(
      n(`SELECT count(*) AS n FROM campaign_members WHERE outcome IN ('confirmed', 'reactivated') AND variant_id IS NOT NULL`),
    );
    expect(funnel['Cancelled in a batch']).toBe(n(`SELECT count(*) AS n FROM members WHERE cancellation_source = 'batch'`));
    expect(o.cards.ownRequestEver).toBe(n(`SELECT count(*) AS n FROM members WHERE cancellation_source = 'member_request'`));
    expect(o.cards.ownRequestEver).toBe(2);
    expect(o.cards.cancelledEver).toBe(n(`SELECT count(*) AS n FROM members WHERE cancellation_source = 'batch'`));
    // The forgone table: the batch's member is forgone; the leavers are beside it, in the month their paid month ended.
    const months = Object.fromEntries(o.forgone.table.rows.map((r) => [r[0], r]));
    expect(months['2026-12']?.slice(0, 2)).toEqual(['2026-12', 1]);
    expect(months['2026-12']?.[4]).toBe(
      n(
        `SELECT count(*) AS n FROM members WHERE cancellation_source = 'member_request' AND strftime('%Y-%m', cancelled_at / 1000, 'unixepoch') = '2026-12'`,
      ),
    );
  });

  it('the normal rejoin restores a member who left at their own request, within the retention window', () => {
    const at = paidPeriodEnd(JOINED, NOW) + 10 * DAY;
    const r = runUnitOfWork(sqlite(), SYSTEM_ACTOR, at, (uow) =>
      rejoinMember(uow, { accountId: 'ans-leaver' }, { rejoinedAt: at, source: 'api' }),
    );
    expect(r.alreadyRejoined).toBe(false);
    expect(memberRow(rec.leaver.member)).toMatchObject({ status: 'active', cancelledAt: null, source: null });
  });

  it('erasing the member erases their note; the reason code stays for the counts', () => {
    eraseOne(sqlite(), rec.leaver.member, NOW + 60 * DAY);
    expect(sqlite().prepare('SELECT reason, note FROM leave_requests WHERE member_id = ?').get(rec.leaver.member)).toEqual({
      reason: 'too_expensive',
      note: null,
    });
  });
});
