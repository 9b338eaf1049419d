import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CYCLE_JOBS } from '@/lib/cycle/registry';
import { runDueCycle } from '@/lib/cycle/run';
import { type ActionDef, actionRegistry, executeAction } from '@/lib/runtime/action';
import { getSqlite, snapshotDb, staffByRole, withDemoStaff } from '@/lib/testing/db';

vi.mock('next/headers', async () => (await import('@/lib/testing/next-headers-mock')).nextHeadersMock);
vi.mock('next/cache', async (orig) => ({ ...(await orig<typeof import('next/cache')>()), revalidatePath: vi.fn() }));
await import('./actions');

const runNow = () => actionRegistry.get('operations.run_now') as ActionDef<never, unknown>;

beforeAll(async () => {
  await withDemoStaff();
});

describe('Run now', () => {
  it('an admin queues the job, audited; the runner runs it apart from the day’s scheduled run', async () => {
    const r = await executeAction(runNow(), staffByRole('admin'), { job: 'retention-purge' });
    expect(r.state).toMatchObject({ ok: true, message: expect.stringContaining('“Retention purge” queued') });
    const s = getSqlite();
    expect(s.prepare("SELECT actor_label AS by, entity_id AS job FROM audit_log WHERE action = 'cycle.run_now'").all()).toEqual([
      { by: 'admin@rekindle.local', job: 'retention-purge' },
    ]);
    // A second request while the first waits is refused, and changes nothing.
    const before = snapshotDb();
    const again = await executeAction(runNow(), staffByRole('admin'), { job: 'retention-purge' });
    expect(again.state).toMatchObject({ ok: false, message: expect.stringContaining('already queued or running') });
    expect(snapshotDb()).toBe(before);

    const jobs = CYCLE_JOBS.filter((j) => j.name === 'retention-purge');
    const ran = await runDueCycle(s, { hourUtc: 2, owner: 't', now: () => Date.parse('2026-03-10T03:00:00Z'), jobs });
    expect(ran.map((x) => [x.job, x.trigger, x.ok])).toEqual([
      ['retention-purge', 'manual', true],
      ['retention-purge', 'schedule', true],
    ]);
    expect(s.prepare('SELECT trigger, status, requested_by AS by FROM cycle_runs ORDER BY id').all()).toEqual([
      { trigger: 'manual', status: 'done', by: 'admin@rekindle.local' },
      { trigger: 'schedule', status: 'done', by: null },
    ]);
  });

  it('refuses a job that does not exist and other roles, with the database unchanged', async () => {
    const before = snapshotDb();
    const bad = await executeAction(runNow(), staffByRole('admin'), { job: 'drop-everything' });
    expect(bad.state).toMatchObject({ ok: false, fieldErrors: { job: ['There is no such job.'] } });
    for (const role of ['cx_manager', 'approver', 'executive'] as const) {
      const r = await executeAction(runNow(), staffByRole(role), { job: 'retention-purge' });
      expect(r.state.ok).toBe(false);
    }
    expect(snapshotDb()).toBe(before);
  });
});
