import { beforeEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '@/db/seed/context';
import { classify, DAY_MS, type PolicyValues } from '@/lib/domain/dormancy';
import { getSqlite } from '@/lib/testing/db';
import { drizzleFor } from './client';
import { ScanAlreadyRunningError, scanDormancy } from './dormancy';
import { rawScanSql } from './dormancy.sql';
import { recentScans } from './dormancy-jobs';

const P: PolicyValues = { neverWatchedDays: 365, inactiveDays: 730, responseDays: 30, retentionDays: 300 };
const ASOF = Date.parse('2025-06-15T09:30:00Z');
const STATUSES = ['active', 'dormant', 'notified', 'proposed', 'cancelled'] as const;

type Row = {
  id: number;
  status: string;
  joined_at: number;
  last_viewed_at: number | null;
  dormant_reason: string | null;
  dormant_since: number | null;
  status_changed_at: number;
};

function reset(policy: PolicyValues = P) {
  const s = getSqlite();
  s.exec('DELETE FROM members; DELETE FROM policy_versions; DELETE FROM jobs; DELETE FROM dormancy_daily;');
  s.prepare(
    `INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (?, ?, ?, ?, 'test', 0)`,
  ).run(policy.neverWatchedDays, policy.inactiveDays, policy.responseDays, policy.retentionDays);
}

function addMember(m: {
  status?: string;
  joinedAt: number;
  lastViewedAt?: number | null;
  reason?: string | null;
  since?: number | null;
  changedAt?: number;
  country?: string;
  price?: number;
}) {
  return Number(
    getSqlite()
      .prepare(
        `INSERT INTO members (account_id, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at, dormant_reason, dormant_since, cancelled_at)
         VALUES (?, ?, 'standard', ?, 'USD', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        `acc-${Math.random()}`,
        m.country ?? 'GB',
        m.price ?? 999,
        m.joinedAt,
        m.lastViewedAt ?? null,
        m.status ?? 'active',
        m.changedAt ?? 0,
        m.reason ?? null,
        m.since ?? null,
        m.status === 'cancelled' ? 1 : null,
      ).lastInsertRowid,
  );
}

const rows = () => getSqlite().prepare('SELECT * FROM members ORDER BY id').all() as Row[];

/** A population concentrated around the thresholds (the days where off-by-one bugs live). */
function population(n: number, seed: number) {
  const rng = mulberry32(seed);
  const around = (days: number) => ASOF - days * DAY_MS + Math.floor((rng() - 0.5) * 4 * DAY_MS);
  for (let i = 0; i < n; i++) {
    const status = STATUSES[Math.floor(rng() * STATUSES.length)] as string;
    const never = rng() < 0.4;
    const joinedAt = never ? around(365) : around(900 + rng() * 2000);
    const lastViewedAt = never ? null : rng() < 0.5 ? around(730) : ASOF - Math.floor(rng() * 3000 * DAY_MS);
    const wasDormant = status !== 'active' && status !== 'cancelled';
    addMember({
      status,
      joinedAt,
      lastViewedAt,
      reason: wasDormant ? 'inactive' : null,
      since: wasDormant ? 1 : null,
      changedAt: 5,
    });
  }
}

beforeEach(() => reset());

describe('scanDormancy agrees with classify', () => {
  it('for every member of a generated population (active/dormant rows), in chunks of 7', () => {
    population(2000, 42);
    const before = new Map(rows().map((r) => [r.id, r]));
    const res = scanDormancy(getSqlite(), { asOf: ASOF, chunkSize: 7 });
    let checked = 0;
    for (const r of rows()) {
      const old = before.get(r.id) as Row;
      const c = classify({ joinedAt: r.joined_at, lastViewedAt: r.last_viewed_at, status: r.status }, P, ASOF);
      if (old.status === 'active' || old.status === 'dormant') {
        expect(r.status, `member ${r.id}`).toBe(c.state);
        expect(r.dormant_reason).toBe(c.state === 'dormant' ? c.reason : null);
        expect(r.dormant_since).toBe(c.state === 'dormant' ? c.since : null);
        expect(r.status_changed_at).toBe(old.status === r.status ? old.status_changed_at : ASOF);
        checked++;
      } else if (old.status === 'cancelled') {
        expect(r).toEqual(old);
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(res.scanned).toBe(rows().filter((r) => r.status !== 'cancelled').length);
    expect(res.dormant).toBe(rows().filter((r) => ['dormant', 'notified', 'proposed'].includes(r.status)).length);
  });

  it('the raw SQL leaves every member exactly as the app scan does', () => {
    population(1500, 7);
    const snapshot = getSqlite().prepare('SELECT * FROM members ORDER BY id').all();
    scanDormancy(getSqlite(), { asOf: ASOF, chunkSize: 100 });
    const app = rows();
    // Restore and run the bare SQL.
    getSqlite().exec('DELETE FROM members');
    const ins = getSqlite().prepare(
      `INSERT INTO members (id, account_id, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at, dormant_reason, dormant_since, cancelled_at)
       VALUES (@id, @account_id, @country, @plan, @price_minor, @currency, @joined_at, @last_viewed_at, @status, @status_changed_at, @dormant_reason, @dormant_since, @cancelled_at)`,
    );
    for (const r of snapshot as Record<string, unknown>[]) ins.run(pick(r));
    getSqlite().exec(rawScanSql(P, ASOF));
    expect(rows()).toEqual(app);
  });
});

function pick(r: Record<string, unknown>) {
  const keys = [
    'id',
    'account_id',
    'country',
    'plan',
    'price_minor',
    'currency',
    'joined_at',
    'last_viewed_at',
    'status',
    'status_changed_at',
    'dormant_reason',
    'dormant_since',
    'cancelled_at',
  ];
  return Object.fromEntries(keys.map((k) => [k, r[k]]));
}

describe('notified and proposed members', () => {
  it('stay as they are when a kinder policy would no longer call them dormant', () => {
    const lastView = ASOF - 800 * DAY_MS; // dormant under 730 days, notified; then the policy moves to 1000 days
    reset({ ...P, inactiveDays: 1000 });
    const id2 = addMember({
      status: 'notified',
      joinedAt: 0,
      lastViewedAt: lastView,
      reason: 'inactive',
      since: lastView + 730 * DAY_MS,
      changedAt: ASOF - 10 * DAY_MS,
    });
    scanDormancy(getSqlite(), { asOf: ASOF });
    expect(rows().find((r) => r.id === id2)?.status).toBe('notified');
  });

  it('become active when they viewed after becoming dormant (a view that bypassed recordViews)', () => {
    const since = ASOF - 40 * DAY_MS;
    const id = addMember({
      status: 'proposed',
      joinedAt: 0,
      lastViewedAt: ASOF - DAY_MS,
      reason: 'inactive',
      since,
      changedAt: ASOF - 5 * DAY_MS,
    });
    const res = scanDormancy(getSqlite(), { asOf: ASOF });
    const r = rows().find((x) => x.id === id) as Row;
    expect([r.status, r.dormant_reason, r.dormant_since, r.status_changed_at]).toEqual(['active', null, null, ASOF]);
    expect(res.reactivated).toBe(1);
  });
});

describe('daily counts', () => {
  it("replaces the day's rows (idempotent) with counts and money by country, plan, reason and currency", () => {
    addMember({ joinedAt: ASOF - 400 * DAY_MS, country: 'GB', price: 1000 });
    addMember({ joinedAt: ASOF - 400 * DAY_MS, country: 'GB', price: 500 });
    addMember({ joinedAt: 0, lastViewedAt: ASOF - 731 * DAY_MS, country: 'FR', price: 700 });
    addMember({ joinedAt: ASOF - 10 * DAY_MS, country: 'FR', price: 9999 }); // active
    scanDormancy(getSqlite(), { asOf: ASOF });
    scanDormancy(getSqlite(), { asOf: ASOF + 3600_000 }); // same UTC day: replaces
    const daily = getSqlite()
      .prepare('SELECT day, country, plan, reason, count, monthly_minor, currency FROM dormancy_daily ORDER BY country')
      .all();
    expect(daily).toEqual([
      { day: '2025-06-15', country: 'FR', plan: 'standard', reason: 'inactive', count: 1, monthly_minor: 700, currency: 'USD' },
      {
        day: '2025-06-15',
        country: 'GB',
        plan: 'standard',
        reason: 'never_watched',
        count: 2,
        monthly_minor: 1500,
        currency: 'USD',
      },
    ]);
  });
});

describe('the scan job', () => {
  it('refuses a second start while one is running, and records each run', () => {
    const s = getSqlite();
    s.prepare(
      `INSERT INTO jobs (kind, status, started_at, heartbeat_at, started_by) VALUES ('dormancy_scan', 'running', ?, ?, 'admin@x')`,
    ).run(Date.now(), Date.now());
    const before = s.prepare('SELECT * FROM members').all();
    expect(() => scanDormancy(s, { asOf: ASOF })).toThrow(ScanAlreadyRunningError);
    expect(() => scanDormancy(s, { asOf: ASOF })).toThrow(/already running/);
    expect(s.prepare('SELECT * FROM members').all()).toEqual(before);
    expect(recentScans(drizzleFor(s))).toHaveLength(1);
  });

  it('retires a running job whose process died (no heartbeat for 5 minutes) and runs', () => {
    const s = getSqlite();
    const old = Date.now() - 6 * 60_000;
    s.prepare(
      `INSERT INTO jobs (kind, status, started_at, heartbeat_at, started_by) VALUES ('dormancy_scan', 'running', ?, ?, 'admin@x')`,
    ).run(old, old);
    addMember({ joinedAt: 0 });
    const progress: number[] = [];
    scanDormancy(s, { asOf: ASOF, startedBy: 'admin@rekindle.local', onProgress: (d) => progress.push(d) });
    const jobs = recentScans(drizzleFor(s));
    expect(jobs.map((j) => j.status)).toEqual(['done', 'failed']);
    expect(jobs[0]?.progress).toBe(jobs[0]?.total);
    expect(progress.length).toBeGreaterThan(0);
    const a = s.prepare(`SELECT actor_label, after FROM audit_log WHERE action = 'dormancy.scan' ORDER BY id DESC`).get() as {
      actor_label: string;
      after: string;
    };
    expect(a.actor_label).toBe('admin@rekindle.local');
    expect(JSON.parse(a.after)).toMatchObject({ day: '2025-06-15', dormant: 1, newlyDormant: 1 });
  });
});
