import type Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/db/audit';
import { keepView } from '@/db/keep';
import { countSegment, segmentBreakdown } from '@/db/segments';
import { runUnitOfWork } from '@/db/unit-of-work';
import { buildMessageFor } from '@/lib/delivery/message';
import type { CampaignDraft } from '@/lib/domain/campaigns/draft';
import { DEFAULT_VARIANTS } from '@/lib/domain/campaigns/draft';
import { EMPTY_SEGMENT } from '@/lib/domain/campaigns/segment';
import { Refusal } from '@/lib/domain/refusal';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import { closeDueCampaigns } from './close-due';
import { createDraft, updateDraft as updateDraftIn } from './drafts';
import { confirmKeep } from './keep';
import { cancelCampaign as cancelIn, type ScheduleInput, scheduleCampaign as scheduleIn, sendNow as sendNowIn } from './schedule';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 12);
const cx: Actor = { id: 1, label: 'cx@rekindle.local' };

// Each use case in its own unit of work, as an action runs it.
type Db = Database.Database;
const createCampaign = (sqlite: Db, actor: Actor, d: CampaignDraft, at: number, seed: number) =>
  runUnitOfWork(sqlite, actor, at, (uow) => createDraft(uow, d, seed));
const updateDraft = (sqlite: Db, actor: Actor, id: number, d: CampaignDraft, at: number) =>
  runUnitOfWork(sqlite, actor, at, (uow) => updateDraftIn(uow, id, d));
const scheduleCampaign = (sqlite: Db, actor: Actor, id: number, input: ScheduleInput, at: number) =>
  runUnitOfWork(sqlite, actor, at, (uow) => scheduleIn(uow, id, input));
const sendNow = (sqlite: Db, actor: Actor, id: number, at: number) =>
  runUnitOfWork(sqlite, actor, at, (uow) => sendNowIn(uow, id));
const cancelCampaign = (sqlite: Db, actor: Actor, id: number, at: number) =>
  runUnitOfWork(sqlite, actor, at, (uow) => cancelIn(uow, id));

type M = Partial<{
  email: string | null;
  country: string;
  plan: string;
  status: string;
  reason: string | null;
  lastViewedAt: number | null;
  joinedAt: number;
  contactedAt: number | null;
  name: string;
}>;
function member(m: M): number {
  const sqlite = getSqlite();
  const lastViewedAt = m.lastViewedAt === undefined ? NOW - 800 * DAY : m.lastViewedAt;
  const reason = m.reason === undefined ? (lastViewedAt == null ? 'never_watched' : 'inactive') : m.reason;
  const r = sqlite
    .prepare(
      `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at,
         status, status_changed_at, dormant_reason, dormant_since, last_contacted_at)
       VALUES (?, ?, ?, ?, ?, 1299, 'EUR', ?, ?, ?, 0, ?, 0, ?)`,
    )
    .run(
      `acc-${Math.random()}`,
      m.email === undefined ? `m${Math.random()}@example.com` : m.email,
      m.name ?? 'Ana Lima',
      m.country ?? 'DE',
      m.plan ?? 'premium',
      m.joinedAt ?? NOW - 1500 * DAY,
      lastViewedAt,
      m.status ?? 'dormant',
      reason,
      m.contactedAt ?? null,
    );
  return Number(r.lastInsertRowid);
}

const draft = (over: Partial<Parameters<typeof createCampaign>[2]> = {}) => ({
  name: 'Spring last chance',
  channel: 'email' as const,
  defaultLanguage: 'en',
  holdoutPct: 20,
  segment: { ...EMPTY_SEGMENT, countries: ['DE'] },
  variants: DEFAULT_VARIANTS,
  ...over,
});

const ids: Record<string, number> = {};
beforeAll(() => {
  const sqlite = getSqlite();
  sqlite.exec(`INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at)
               VALUES (365, 730, 30, 300, 'system', 0)`);
  ids.plain = member({});
  ids.noEmail = member({ email: null, lastViewedAt: null });
  ids.suppressed = member({});
  sqlite
    .prepare(`INSERT INTO suppressions (member_id, reason, added_by, added_at) VALUES (?, 'asked', 'cx', 0)`)
    .run(ids.suppressed);
  ids.capped = member({ contactedAt: NOW - 10 * DAY });
  ids.oldContact = member({ contactedAt: NOW - 40 * DAY });
  ids.active = member({ status: 'active', reason: null, lastViewedAt: NOW - 5 * DAY });
  ids.cancelled = member({ status: 'cancelled' });
  ids.stale = member({ lastViewedAt: NOW - 3 * DAY }); // status says dormant, but watched 3 days ago
  ids.france = member({ country: 'FR' });
  for (let i = 0; i < 40; i++) member({});
});

describe('segment count', () => {
  it('counts dormant members under the current policy, minus suppressed and not-really-dormant ones', () => {
    const sqlite = getSqlite();
    // DE dormant rows: plain, noEmail, suppressed, capped, oldContact, stale + 40 = 46; minus suppressed and stale = 44.
    expect(countSegment(sqlite, { ...EMPTY_SEGMENT, countries: ['DE'] }, NOW)).toBe(44);
    expect(countSegment(sqlite, { ...EMPTY_SEGMENT, countries: ['FR'] }, NOW)).toBe(1);
    expect(countSegment(sqlite, { ...EMPTY_SEGMENT, reasons: ['never_watched'] }, NOW)).toBe(1);
    // Last view 800 days ago → dormant since day 730, i.e. 70 days (2 months) ago.
    expect(countSegment(sqlite, { ...EMPTY_SEGMENT, countries: ['DE'], minMonthsDormant: 3 }, NOW)).toBe(1); // only never-watched (joined 1500 days ago)
    expect(countSegment(sqlite, { ...EMPTY_SEGMENT, priceCurrency: 'EUR', minPriceMinor: 1300, maxPriceMinor: null }, NOW)).toBe(
      0,
    );
  });

  it('leaves out a member who rejoined within the never-watched window, however old their last view', () => {
    const sqlite = getSqlite();
    const recent = member({ country: 'NL' });
    const longAgo = member({ country: 'NL' });
    const rejoin = sqlite.prepare(
      `INSERT INTO rejoins (member_id, batch_id, cancelled_at, rejoined_at, price_minor, currency, source, by)
       VALUES (?, NULL, ?, ?, 1299, 'EUR', 'cx', 'cx@rekindle.local')`,
    );
    rejoin.run(recent, NOW - 60 * DAY, NOW - 30 * DAY); // came back a month ago: asking again now would be unfair
    rejoin.run(longAgo, NOW - 500 * DAY, NOW - 400 * DAY); // beyond the 365-day window: may be asked again
    expect(countSegment(sqlite, { ...EMPTY_SEGMENT, countries: ['NL'] }, NOW)).toBe(1);
  });

  it('breaks the segment down by exclusion reason before queueing', () => {
    const b = segmentBreakdown(getSqlite(), { ...EMPTY_SEGMENT, countries: ['DE'] }, 'email', NOW);
    expect(b).toEqual({
      matching: 45,
      excluded: { suppressed: 1, frequency_cap: 1, no_email: 1 },
      reachable: 42,
      reachableByChannel: { email: 42, in_app: 0 },
    });
  });
});

describe('campaign lifecycle', () => {
  it('queues every segment member once with the right exclusion reason, and a second schedule changes nothing', () => {
    const sqlite = getSqlite();
    const id = createCampaign(sqlite, cx, draft(), NOW, 12345);
    scheduleCampaign(sqlite, cx, id, { sendAt: NOW + DAY, deadlineAt: null }, NOW);
    const rows = sqlite
      .prepare(
        'SELECT member_id AS m, status, excluded_reason AS r, channel, variant_id AS v FROM campaign_members WHERE campaign_id = ?',
      )
      .all(id) as { m: number; status: string; r: string | null; channel: string; v: number | null }[];
    const by = new Map(rows.map((r) => [r.m, r]));
    expect(rows).toHaveLength(45);
    expect(by.get(ids.suppressed!)).toMatchObject({ status: 'excluded', r: 'suppressed', channel: 'none', v: null });
    expect(by.get(ids.capped!)).toMatchObject({ status: 'excluded', r: 'frequency_cap' });
    expect(by.get(ids.noEmail!)).toMatchObject({ status: 'excluded', r: 'no_email' });
    expect(by.get(ids.oldContact!)?.status).not.toBe('excluded');
    for (const k of ['active', 'cancelled', 'stale', 'france']) expect(by.has(ids[k]!)).toBe(false);
    for (const r of rows.filter((x) => x.status === 'holdout')) expect(r).toMatchObject({ channel: 'none', v: null });
    for (const r of rows.filter((x) => x.status === 'queued')) expect(r.channel).toBe('email');
    expect(sqlite.prepare('SELECT status, policy_version_id AS p FROM campaigns WHERE id = ?').get(id)).toEqual({
      status: 'scheduled',
      p: 1,
    });

    const before = snapshotDb();
    expect(scheduleCampaign(sqlite, cx, id, { sendAt: null, deadlineAt: null }, NOW).changed).toBe(false);
    expect(snapshotDb()).toBe(before);

    // Members now in a running campaign leave every other segment.
    expect(countSegment(sqlite, { ...EMPTY_SEGMENT, countries: ['DE'] }, NOW)).toBe(44 - 42);
    cancelCampaign(sqlite, cx, id, NOW);
    expect(countSegment(sqlite, { ...EMPTY_SEGMENT, countries: ['DE'] }, NOW)).toBe(44);
  });

  it('refuses bad schedules and edits after sending, changing nothing', () => {
    const sqlite = getSqlite();
    const id = createCampaign(sqlite, cx, draft({ name: 'Deadline test' }), NOW, 7);
    const before = snapshotDb();
    expect(() => scheduleCampaign(sqlite, cx, id, { sendAt: null, deadlineAt: NOW - DAY }, NOW)).toThrow(/in the past/);
    expect(() => scheduleCampaign(sqlite, cx, id, { sendAt: NOW + 5 * DAY, deadlineAt: NOW + 2 * DAY }, NOW)).toThrow(
      /after the send/,
    );
    expect(() => updateDraft(sqlite, cx, id, draft({ segment: { ...EMPTY_SEGMENT, countries: ['JP'] } }), NOW)).toThrow(
      /No dormant member/,
    );
    expect(snapshotDb()).toBe(before);

    scheduleCampaign(sqlite, cx, id, { sendAt: null, deadlineAt: null }, NOW); // sendAt unset: sends now
    const c = sqlite.prepare('SELECT status, send_started_at AS s, deadline_at AS d FROM campaigns WHERE id = ?').get(id);
    expect(c).toEqual({ status: 'sending', s: NOW, d: NOW + 30 * DAY });
    const sent = snapshotDb();
    expect(() => updateDraft(sqlite, cx, id, draft({ name: 'Renamed' }), NOW)).toThrow(Refusal);
    expect(() => updateDraft(sqlite, cx, id, draft({ name: 'Renamed' }), NOW)).toThrow(/already been sent/);
    expect(() => cancelCampaign(sqlite, cx, id, NOW)).toThrow(/can no longer be cancelled/);
    expect(sendNow(sqlite, cx, id, NOW).changed).toBe(false);
    expect(snapshotDb()).toBe(sent);

    // A message for a queued recipient: escaped HTML, keep link expiring at the deadline.
    const cm = sqlite.prepare(`SELECT id FROM campaign_members WHERE campaign_id = ? AND status = 'queued' LIMIT 1`).get(id) as {
      id: number;
    };
    sqlite
      .prepare(
        `UPDATE members SET display_name = '<script>x</script> Z' WHERE id = (SELECT member_id FROM campaign_members WHERE id = ?)`,
      )
      .run(cm.id);
    const msg = buildMessageFor(sqlite, cm.id, NOW);
    expect(msg.channel).toBe('email');
    expect(msg.to).toMatch(/@example.com$/);
    expect(msg.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(msg.html).not.toContain('<script>');
    expect(msg.text).toMatch(/\/keep\/[\w-]+\.[\w-]+/);
    const holdout = sqlite
      .prepare(`SELECT id FROM campaign_members WHERE campaign_id = ? AND status = 'holdout' LIMIT 1`)
      .get(id) as {
      id: number;
    };
    expect(() => buildMessageFor(sqlite, holdout.id, NOW)).toThrow(/receives no message/);

    // Closing at the deadline: pending → no_response (excluded rows untouched), closed, audited.
    expect(closeDueCampaigns(sqlite, NOW + 29 * DAY)).toEqual([]);
    expect(closeDueCampaigns(sqlite, NOW + 30 * DAY)).toEqual([id]);
    const outcomes = sqlite
      .prepare(
        `SELECT status = 'excluded' AS ex, outcome, count(*) AS n FROM campaign_members WHERE campaign_id = ? GROUP BY 1, 2`,
      )
      .all(id);
    expect(outcomes).toEqual([
      { ex: 0, outcome: 'no_response', n: 42 },
      { ex: 1, outcome: 'pending', n: 3 },
    ]);
    expect(
      sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'campaign.close' AND entity_id = ?`).get(String(id)),
    ).toEqual({
      n: 1,
    });
    expect(closeDueCampaigns(sqlite, NOW + 31 * DAY)).toEqual([]);
  });
});

describe('keep link', () => {
  it('confirms once: outcome, offer, member back from notified to dormant; reuse, tampering and expiry change nothing', async () => {
    const { signKeepToken, verifyKeepToken } = await import('@/lib/keep/keep-token');
    const sqlite = getSqlite();
    const secret = 'test-secret';
    const id = createCampaign(
      sqlite,
      cx,
      draft({ name: 'Keep test', segment: { ...EMPTY_SEGMENT, countries: ['DE'] } }),
      NOW,
      99,
    );
    scheduleCampaign(sqlite, cx, id, { sendAt: null, deadlineAt: null }, NOW);
    const offerRecipient = sqlite
      .prepare(
        `SELECT cm.id, cm.member_id AS memberId FROM campaign_members cm JOIN campaign_variants v ON v.id = cm.variant_id
         WHERE cm.campaign_id = ? AND v.offer = 'free_month' LIMIT 1`,
      )
      .get(id) as { id: number; memberId: number };
    sqlite.prepare(`UPDATE campaign_members SET status = 'sent', sent_at = ? WHERE id = ?`).run(NOW, offerRecipient.id);
    sqlite.prepare(`UPDATE members SET status = 'notified' WHERE id = ?`).run(offerRecipient.memberId);
    const deadline = NOW + 30 * DAY;
    const token = signKeepToken(offerRecipient.id, deadline, secret);
    const at = NOW + DAY;
    const verified = (t: string, when = at) => {
      const v = verifyKeepToken(t, secret, when);
      return v.ok ? v : null;
    };

    // Reading the page changes nothing (a mail scanner opening the link confirms nothing).
    const before = snapshotDb();
    expect(keepView(sqlite, verified(token), at)).toMatchObject({
      state: 'open',
      plan: 'premium',
      hasOffer: true,
    });
    expect(snapshotDb()).toBe(before);

    // Tampered and expired tokens: friendly states, nothing written.
    const tampered = `${token.slice(0, -2)}xx`;
    expect(confirmKeep(sqlite, verified(tampered), at)).toEqual({ view: { state: 'invalid' }, confirmed: false });
    expect(verified(token, deadline)).toBeNull();
    expect(snapshotDb()).toBe(before);

    const r = confirmKeep(sqlite, verified(token), at, { kind: 'offer' });
    expect(r.confirmed).toBe(true);
    expect(
      sqlite
        .prepare('SELECT outcome, confirmed_at AS c, offer_accepted AS o FROM campaign_members WHERE id = ?')
        .get(offerRecipient.id),
    ).toEqual({
      outcome: 'confirmed',
      c: at,
      o: 1,
    });
    expect(sqlite.prepare('SELECT status FROM members WHERE id = ?').get(offerRecipient.memberId)).toEqual({ status: 'dormant' });
    expect(
      sqlite
        .prepare(
          `SELECT actor_id AS id, actor_label AS label, at, after FROM audit_log WHERE action = 'campaign.keep_confirmed' AND entity_id = ?`,
        )
        .all(String(offerRecipient.id)),
    ).toEqual([
      {
        id: null,
        label: 'member (keep link)',
        at,
        after: JSON.stringify({ campaignId: id, memberId: offerRecipient.memberId, outcome: 'confirmed', offerAccepted: true }),
      },
    ]);

    const afterFirst = snapshotDb();
    expect(confirmKeep(sqlite, verified(token), at + 1000)).toMatchObject({ view: { state: 'used' }, confirmed: false });
    expect(snapshotDb()).toBe(afterFirst);

    // A holdout member's id in a validly signed token is still refused (they were never messaged).
    const holdout = sqlite
      .prepare(`SELECT id FROM campaign_members WHERE campaign_id = ? AND status = 'holdout' LIMIT 1`)
      .get(id) as {
      id: number;
    };
    expect(keepView(sqlite, verified(signKeepToken(holdout.id, deadline, secret)), at)).toEqual({ state: 'invalid' });

    // A confirmed member is not offered to a new campaign soon after.
    closeDueCampaigns(sqlite, deadline);
    const seg = { ...EMPTY_SEGMENT, countries: ['DE'] };
    const pool = sqlite.prepare(`SELECT count(*) AS n FROM campaign_members WHERE campaign_id = ? AND member_id = ?`);
    expect(pool.get(id, offerRecipient.memberId)).toEqual({ n: 1 });
    const other = createCampaign(sqlite, cx, draft({ name: 'After keep', segment: seg }), deadline + DAY, 5);
    scheduleCampaign(sqlite, cx, other, { sendAt: null, deadlineAt: null }, deadline + DAY);
    expect(pool.get(other, offerRecipient.memberId)).toEqual({ n: 0 });
  });
});
