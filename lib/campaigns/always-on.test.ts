import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/db/audit';
import { getCampaign } from '@/db/campaigns';
import { runUnitOfWork } from '@/db/unit-of-work';
import { buildMessageFor } from '@/lib/delivery/message';
import { claimNextEmail } from '@/lib/delivery/sending';
import { DEFAULT_VARIANTS } from '@/lib/domain/campaigns/draft';
import { EMPTY_SEGMENT } from '@/lib/domain/campaigns/segment';
import { Refusal } from '@/lib/domain/refusal';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import { commandAlwaysOn, editCampaign, enrolAlwaysOnCohorts, startAlwaysOn } from './always-on';
import { closeDueCampaigns } from './close-due';
import { createDraft } from './drafts';
import { scheduleCampaign } from './schedule';

const DAY = 86_400_000;
const D1 = Date.UTC(2026, 4, 4, 6); // 2026-05-04 06:00 UTC
const cx: Actor = { id: 1, label: 'cx@rekindle.local' };
let nextCountry = 0;

function dormant(country: string, o: { contactedAt?: number; at?: number } = {}): number {
  const at = o.at ?? D1;
  return Number(
    getSqlite()
      .prepare(
        `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at,
           status, status_changed_at, dormant_reason, dormant_since, last_contacted_at)
         VALUES (?, ?, 'Ana Lima', ?, 'premium', 1299, 'EUR', 0, ?, 'dormant', 0, 'inactive', 0, ?)`,
      )
      .run(`ao-${Math.random()}`, `ao${Math.random()}@example.com`, country, at - 800 * DAY, o.contactedAt ?? null)
      .lastInsertRowid,
  );
}

/** A country of its own with `n` dormant members, and an always-on draft over it. */
function setUp(n: number, holdoutPct = 20) {
  const country = `A${String.fromCharCode(65 + nextCountry++)}`;
  const members = Array.from({ length: n }, () => dormant(country));
  const d = {
    name: `Always ${country}`,
    channel: 'email' as const,
    defaultLanguage: 'en',
    holdoutPct,
    segment: { ...EMPTY_SEGMENT, countries: [country] },
    variants: DEFAULT_VARIANTS,
  };
  const id = runUnitOfWork(getSqlite(), cx, D1, (uow) => createDraft(uow, d, 42, true));
  return { country, members, id, d };
}
const uow = <T>(at: number, fn: (u: Parameters<Parameters<typeof runUnitOfWork>[3]>[0]) => T) =>
  runUnitOfWork(getSqlite(), cx, at, fn);
const cohorts = (parentId: number) =>
  getSqlite()
    .prepare(
      'SELECT id, cohort_day AS day, status, deadline_at AS deadline, seed FROM campaigns WHERE parent_campaign_id = ? ORDER BY cohort_day',
    )
    .all(parentId) as { id: number; day: string; status: string; deadline: number; seed: number }[];
const recipients = (campaignId: number) =>
  getSqlite()
    .prepare('SELECT member_id AS m, status FROM campaign_members WHERE campaign_id = ? ORDER BY member_id')
    .all(campaignId) as {
    m: number;
    status: string;
  }[];

/** Claims every email the sender would send now (what a running sender would hand to SMTP). */
function drainClaims(at: number) {
  for (let i = 0; i < 500; i++) {
    const r = claimNextEmail(getSqlite(), (s, cm) => buildMessageFor(s, cm, at), { at, leaseMs: 600_000, minIntervalMs: 0 });
    if (r.kind !== 'claimed') return;
  }
}

beforeAll(() => {
  getSqlite().exec(`INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at)
                    VALUES (365, 730, 30, 300, 'system', 0)`);
});

describe('always-on enrolment', () => {
  it('starting enrols today’s cohort; enrolling the same day again enrols nobody twice', () => {
    const { id, members, country } = setUp(30);
    const start = uow(D1, (u) => startAlwaysOn(u, id));
    expect(start).toMatchObject({ created: true, enrolled: 30 });
    const [c] = cohorts(id);
    expect(c).toMatchObject({ day: '2026-05-04', status: 'sending', deadline: D1 + 30 * DAY });
    expect(recipients(c!.id).map((r) => r.m)).toEqual(members);

    const before = snapshotDb();
    const again = enrolAlwaysOnCohorts(getSqlite(), { day: '2026-05-04', at: D1 + 3600_000 });
    expect(again.cohorts).toBe(0);
    expect(again.enrolled).toBe(0);
    expect(snapshotDb()).toBe(before);

    // The next day enrols only the newly dormant: yesterday's cohort is running.
    const fresh = [dormant(country), dormant(country)];
    const next = enrolAlwaysOnCohorts(getSqlite(), { day: '2026-05-05', at: D1 + DAY });
    expect(next).toMatchObject({ cohorts: 1, enrolled: 2 });
    const day2 = cohorts(id)[1]!;
    expect(recipients(day2.id).map((r) => r.m)).toEqual(fresh);
    expect(day2.seed).not.toBe(c!.seed); // holdout drawn afresh per cohort, reproducibly
  });

  it('leaves suppressed and frequency-capped members out of the cohort (no row written for them)', () => {
    const { id, country, members } = setUp(5);
    const capped = dormant(country, { contactedAt: D1 - 5 * DAY });
    const suppressed = dormant(country);
    getSqlite()
      .prepare(`INSERT INTO suppressions (member_id, reason, added_by, added_at) VALUES (?, 'asked', 'cx', 0)`)
      .run(suppressed);
    uow(D1, (u) => startAlwaysOn(u, id));
    expect(recipients(cohorts(id)[0]!.id).map((r) => r.m)).toEqual(members);
    expect(capped).toBeGreaterThan(0);
  });

  it('never puts a member in two campaigns at once, one-off or always-on', () => {
    const { id, country, members } = setUp(10);
    const oneOff = uow(D1, (u) =>
      createDraft(
        u,
        {
          name: 'One-off',
          channel: 'email',
          defaultLanguage: 'en',
          holdoutPct: 10,
          segment: { ...EMPTY_SEGMENT, countries: [country] },
          variants: DEFAULT_VARIANTS,
        },
        9,
      ),
    );
    uow(D1, (u) => scheduleCampaign(u, oneOff, { sendAt: null, deadlineAt: null }));
    const late = dormant(country);
    uow(D1, (u) => startAlwaysOn(u, id));
    expect(recipients(cohorts(id)[0]!.id).map((r) => r.m)).toEqual([late]);
    expect(recipients(oneOff).map((r) => r.m)).toEqual(members);
    const twice = getSqlite()
      .prepare(
        `SELECT member_id FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
         WHERE c.status IN ('sending', 'paused', 'awaiting_responses') AND cm.status <> 'excluded' GROUP BY member_id HAVING count(*) > 1`,
      )
      .all();
    expect(twice).toEqual([]);
  });
});

describe('always-on lifecycle', () => {
  it('a cohort closes at its own deadline and proposes its own batch', () => {
    const { id } = setUp(10, 0);
    uow(D1, (u) => startAlwaysOn(u, id));
    const c = cohorts(id)[0]!;
    getSqlite()
      .prepare(`UPDATE campaign_members SET status = 'sent', sent_at = ? WHERE campaign_id = ?`)
      .run(D1 + 1000, c.id);
    expect(closeDueCampaigns(getSqlite(), c.deadline - 1)).not.toContain(c.id);
    expect(closeDueCampaigns(getSqlite(), c.deadline)).toContain(c.id);
    const batch = getSqlite().prepare('SELECT count(*) AS n FROM batches WHERE campaign_id = ?').get(c.id) as { n: number };
    expect(batch.n).toBe(1);
    expect(getCampaign(getSqlite(), id)!.status).toBe('enrolling'); // the definition is never closed by a cohort
  });

  it('paused: no enrolment and no sending; resumed: both go on', () => {
    const { id, country } = setUp(5, 0);
    uow(D1, (u) => startAlwaysOn(u, id));
    const c = cohorts(id)[0]!;
    const paused = uow(D1, (u) => commandAlwaysOn(u, id, 'pause'));
    expect(paused).toEqual({ status: 'enrolment_paused', cohorts: [c.id] });
    dormant(country);
    enrolAlwaysOnCohorts(getSqlite(), { day: '2026-05-05', at: D1 + DAY });
    expect(cohorts(id)).toHaveLength(1);
    const claimedOurs = () => recipients(c.id).filter((r) => r.status === 'sending').length;
    drainClaims(D1 + DAY);
    expect(claimedOurs()).toBe(0);

    uow(D1 + DAY, (u) => commandAlwaysOn(u, id, 'resume'));
    expect(cohorts(id)[0]!.status).toBe('sending');
    drainClaims(D1 + DAY);
    expect(claimedOurs()).toBe(5);
    enrolAlwaysOnCohorts(getSqlite(), { day: '2026-05-05', at: D1 + DAY });
    expect(cohorts(id).map((k) => recipients(k.id).length)).toEqual([5, 1]);
  });

  it('ended: no enrolment, open cohorts run to their deadline and batch', () => {
    const { id, country } = setUp(5, 0);
    uow(D1, (u) => startAlwaysOn(u, id));
    uow(D1, (u) => commandAlwaysOn(u, id, 'end'));
    dormant(country);
    enrolAlwaysOnCohorts(getSqlite(), { day: '2026-05-06', at: D1 + 2 * DAY });
    expect(cohorts(id)).toHaveLength(1);
    const c = cohorts(id)[0]!;
    expect(c.status).toBe('sending');
    expect(closeDueCampaigns(getSqlite(), c.deadline)).toContain(c.id);
    const before = snapshotDb();
    expect(() => uow(D1, (u) => commandAlwaysOn(u, id, 'resume'))).toThrow(/has ended/);
    expect(snapshotDb()).toBe(before);
  });

  it('a segment edit applies to cohorts enrolled later; open cohorts keep theirs', () => {
    const { id, d } = setUp(3);
    uow(D1, (u) => startAlwaysOn(u, id));
    const other = `B${String.fromCharCode(65 + nextCountry++)}`;
    const newcomer = dormant(other);
    expect(uow(D1, (u) => editCampaign(u, id, { ...d, segment: { ...EMPTY_SEGMENT, countries: [other] } }))).toBe(
      'future_cohorts',
    );
    const first = cohorts(id)[0]!;
    expect(JSON.parse(getCampaign(getSqlite(), first.id)!.segment).countries).toEqual(d.segment.countries);
    enrolAlwaysOnCohorts(getSqlite(), { day: '2026-05-05', at: D1 + DAY });
    expect(recipients(cohorts(id)[1]!.id).map((r) => r.m)).toEqual([newcomer]);
  });

  it('refuses a pause, resume or end that does not fit, changing nothing', () => {
    const { id } = setUp(2);
    const before = snapshotDb();
    expect(() => uow(D1, (u) => commandAlwaysOn(u, id, 'pause'))).toThrow(Refusal);
    expect(() => enrolAlwaysOnCohorts(getSqlite(), { day: '2026-02-30', at: D1 })).toThrow(/not a day/);
    expect(snapshotDb()).toBe(before);
  });
});
