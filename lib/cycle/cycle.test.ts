import { beforeEach, describe, expect, it } from 'vitest';
import { drizzleFor } from '@/db/client';
import { queueManualRun } from '@/db/cycle';
import { openDatabase } from '@/db/open';
import { getSqlite } from '@/lib/testing/db';
import type { CycleJob } from './registry';
import { runDueCycle } from './run';

// The runner against a real database file: leases between two connections, failure and backoff,
// catch-up after downtime, manual runs. Jobs here are stand-ins that count their calls; the real
// jobs' exactly-once after a crash is in cycle.crash.test.ts.

const NOON = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;

function counting(names: string[], opts: { delayMs?: number; failing?: Set<string> } = {}) {
  const calls: string[] = [];
  const jobs: CycleJob[] = names.map((name) => ({
    name,
    label: name,
    async run(ctx) {
      calls.push(`${name}@${ctx.day}`);
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, (opts.delayMs ?? 0) / 4));
        ctx.progress(i + 1, 4);
      }
      if (opts.failing?.has(name)) throw new Error(`${name} broke for someone@example.com`);
      return { n: 1 };
    },
  }));
  return { jobs, calls };
}

const runsOf = () =>
  getSqlite()
    .prepare('SELECT job, day, trigger, status, attempt, error, next_attempt_at AS next, counts FROM cycle_runs ORDER BY id')
    .all() as {
    job: string;
    day: string;
    trigger: string;
    status: string;
    attempt: number;
    error: string | null;
    next: number | null;
    counts: string;
  }[];

describe('daily cycle runner', () => {
  beforeEach(() => {
    getSqlite().prepare('DELETE FROM cycle_runs').run();
  });

  it('two connections to one file: only one runs a day’s job', async () => {
    const { jobs, calls } = counting(['a', 'b'], { delayMs: 200 });
    const other = openDatabase(getSqlite().name, { migrate: false });
    other.pragma('busy_timeout = 10000');
    try {
      const opts = { hourUtc: 2, now: () => NOON, jobs };
      await Promise.all([
        runDueCycle(getSqlite(), { ...opts, owner: 'one' }),
        runDueCycle(other, { ...opts, owner: 'two' }),
        runDueCycle(other, { ...opts, owner: 'three' }),
      ]);
      // Whoever was held off picks up what is left on its next tick; the day ends with each job once.
      await runDueCycle(other, { ...opts, owner: 'two' });
      await runDueCycle(getSqlite(), { ...opts, owner: 'one' });
      expect(calls).toEqual(['a@2026-03-10', 'b@2026-03-10']);
      expect(runsOf().map((r) => [r.job, r.status, r.attempt])).toEqual([
        ['a', 'done', 1],
        ['b', 'done', 1],
      ]);
    } finally {
      other.close();
    }
  });

  it('a failure is recorded (no address in it), backs off, blocks the later jobs, then is retried', async () => {
    const failing = new Set(['scan']);
    const { jobs, calls } = counting(['scan', 'close'], { failing });
    const opts = { hourUtc: 2, owner: 'p', jobs };
    const first = await runDueCycle(getSqlite(), { ...opts, now: () => NOON });
    expect(first.map((r) => r.ok)).toEqual([false]);
    const failed = runsOf()[0]!;
    expect(failed).toMatchObject({ status: 'failed', attempt: 1, next: NOON + 60_000 });
    expect(failed.error).toBe('scan broke for <email>');
    await runDueCycle(getSqlite(), { ...opts, now: () => NOON + 30_000 });
    expect(calls).toEqual(['scan@2026-03-10']); // still backing off; close never ran
    failing.clear();
    await runDueCycle(getSqlite(), { ...opts, now: () => NOON + 61_000 });
    expect(calls).toEqual(['scan@2026-03-10', 'scan@2026-03-10', 'close@2026-03-10']);
    expect(runsOf().map((r) => [r.job, r.status, r.attempt, r.error])).toEqual([
      ['scan', 'done', 2, null],
      ['close', 'done', 1, null],
    ]);
  });

  it('after downtime each missed day runs once, in order; running again runs nothing', async () => {
    const { jobs, calls } = counting(['scan', 'close']);
    const opts = { hourUtc: 2, owner: 'p', jobs };
    await runDueCycle(getSqlite(), { ...opts, now: () => NOON });
    await runDueCycle(getSqlite(), { ...opts, now: () => NOON + 3 * DAY });
    await runDueCycle(getSqlite(), { ...opts, now: () => NOON + 3 * DAY });
    expect(calls).toEqual([
      'scan@2026-03-10',
      'close@2026-03-10',
      'scan@2026-03-11',
      'close@2026-03-11',
      'scan@2026-03-12',
      'close@2026-03-12',
      'scan@2026-03-13',
      'close@2026-03-13',
    ]);
    // Before the cycle hour, the new day is not due yet.
    await runDueCycle(getSqlite(), { ...opts, now: () => Date.parse('2026-03-14T01:59:00Z') });
    expect(calls).toHaveLength(8);
  });

  it('a manual run is recorded apart and does not stand in for the day’s scheduled run', async () => {
    const { jobs, calls } = counting(['scan', 'close']);
    queueManualRun(drizzleFor(getSqlite()), { job: 'close', day: '2026-03-10', by: 'admin@rekindle.local', at: NOON });
    await runDueCycle(getSqlite(), { hourUtc: 2, owner: 'p', jobs, now: () => NOON });
    expect(calls).toEqual(['close@2026-03-10', 'scan@2026-03-10', 'close@2026-03-10']);
    expect(runsOf().map((r) => [r.job, r.trigger, r.status])).toEqual([
      ['close', 'manual', 'done'],
      ['scan', 'schedule', 'done'],
      ['close', 'schedule', 'done'],
    ]);
  });
});
