import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type ActionDef, actionRegistry, executeAction } from '@/lib/runtime/action';
import { getSqlite, snapshotDb, staffByRole, withDemoStaff } from '@/lib/testing/db';

vi.mock('next/headers', async () => (await import('@/lib/testing/next-headers-mock')).nextHeadersMock);
vi.mock('next/cache', async (orig) => ({ ...(await orig<typeof import('next/cache')>()), revalidatePath: vi.fn() }));
await import('./actions');

const def = (name: string) => actionRegistry.get(name) as ActionDef<never, unknown>;
const DAY = 86_400_000;

beforeAll(async () => {
  await withDemoStaff();
  const s = getSqlite();
  s.prepare(
    `INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'system', 0)`,
  ).run();
  const ins = s.prepare(
    `INSERT INTO members (account_id, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at) VALUES (?, 'GB', 'basic', 500, 'GBP', ?, ?, 'active', 0)`,
  );
  const now = Date.now();
  ins.run('never-400', now - 400 * DAY, null); // never watched, joined 400 days ago
  ins.run('view-650', now - 3000 * DAY, now - 650 * DAY); // last view 650 days ago
  ins.run('view-800', now - 3000 * DAY, now - 800 * DAY); // last view 800 days ago
  ins.run('fresh', now - 10 * DAY, now - DAY);
});

const admin = () => staffByRole('admin');
const values = { neverWatchedDays: 365, inactiveDays: 600, responseDays: 30, retentionDays: 300 };

describe('policy.preview', () => {
  it('counts dormant members by reason under the current policy and the typed values, writing nothing', async () => {
    const before = snapshotDb();
    const { state } = await executeAction(def('policy.preview'), admin(), { ...values });
    expect(state.ok).toBe(true);
    expect(state.data).toMatchObject({
      current: { neverWatched: 1, inactive: 1, total: 2 },
      proposed: { neverWatched: 1, inactive: 2, total: 3 },
    });
    expect(state.message).toMatch(/3 members would be dormant today: 1 more than under the current policy/);
    expect(snapshotDb()).toBe(before);
  });
});

describe('policy.save', () => {
  it.each([
    [{ ...values, neverWatchedDays: 0 }, 'neverWatchedDays'],
    [{ ...values, retentionDays: -3 }, 'retentionDays'],
    [{ ...values, responseDays: 601 }, 'responseDays'],
    [{ ...values, inactiveDays: '' }, 'inactiveDays'],
    [{ ...values, inactiveDays: '12.5' }, 'inactiveDays'],
  ])('refuses %o beside the field and changes nothing', async (input, field) => {
    const before = snapshotDb();
    const { state } = await executeAction(def('policy.save'), admin(), input);
    expect(state.ok).toBe(false);
    expect(state.fieldErrors?.[field]?.length).toBeGreaterThan(0);
    expect(snapshotDb()).toBe(before);
  });

  it('saves a new version (never overwriting), audits who and what, and refuses an unchanged save', async () => {
    const { state } = await executeAction(def('policy.save'), admin(), { ...values, note: 'test' });
    expect(state).toMatchObject({ ok: true, message: expect.stringMatching(/Saved as policy version 2/) });
    const rows = getSqlite()
      .prepare('SELECT id, inactive_days AS i, created_by AS by, note FROM policy_versions ORDER BY id')
      .all();
    expect(rows).toEqual([
      { id: 1, i: 730, by: 'system', note: null },
      { id: 2, i: 600, by: admin().email, note: 'test' },
    ]);
    const a = getSqlite().prepare(`SELECT before, after FROM audit_log WHERE action = 'policy.save'`).get() as {
      before: string;
      after: string;
    };
    expect(JSON.parse(a.before)).toMatchObject({ version: 1, inactiveDays: 730 });
    expect(JSON.parse(a.after)).toMatchObject({ version: 2, inactiveDays: 600 });
    const before = snapshotDb();
    const again = await executeAction(def('policy.save'), admin(), { ...values });
    expect(again.state).toMatchObject({ ok: false, message: 'These are already the values of version 2. Nothing was saved.' });
    expect(snapshotDb()).toBe(before);
  });
});

describe('dormancy.scan', () => {
  it('runs the scan and refuses a second one while the first is running', async () => {
    const { state } = await executeAction(def('dormancy.scan'), admin(), {});
    expect(state.ok, state.message).toBe(true);
    expect(state.message).toMatch(/Scan finished .* 4 members checked, 3 dormant/);
    getSqlite()
      .prepare(
        `INSERT INTO jobs (kind, status, started_at, heartbeat_at, started_by) VALUES ('dormancy_scan', 'running', ?, ?, 'other')`,
      )
      .run(Date.now(), Date.now());
    const before = snapshotDb();
    const second = await executeAction(def('dormancy.scan'), admin(), {});
    expect(second.state.ok).toBe(false);
    expect(second.state.message).toMatch(/already running .* started by other/);
    expect(snapshotDb()).toBe(before);
  });
});
