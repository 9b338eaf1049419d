import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY, DEADLINE, insertLargeCampaign } from '@/lib/testing/batches/fixtures';
import { getSqlite } from '@/lib/testing/db';
import { runDueCycle } from './run';

// A process killed with SIGKILL in the middle of a day's cycle (its closing committed, its run not
// yet recorded as done); the next start takes over the expired lease and finishes the day with each
// effect once. Child: lib/testing/cycle/crash-child.ts.

const CHILD = path.resolve('lib/testing/cycle/crash-child.ts');
const NOW = DEADLINE + DAY; // the day after the campaign's deadline, past the cycle hour
const LEASE_MS = 1_000;

function runChildUntilPaused(pauseAfter: string): Promise<void> {
  const proc = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', CHILD, getSqlite().name, String(NOW), String(LEASE_MS), pauseAfter],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes('PAUSED')) {
        proc.kill('SIGKILL');
        proc.on('exit', () => resolve());
      }
    });
    proc.stderr.on('data', (d) => {
      out += String(d);
    });
    proc.on('exit', (code) => {
      if (!out.includes('PAUSED')) reject(new Error(`child exited (${code}) before pausing: ${out}`));
    });
  });
}

const count = (sql: string, ...args: unknown[]) =>
  (
    getSqlite()
      .prepare(sql)
      .get(...args) as { n: number }
  ).n;

describe('daily cycle after a crash', () => {
  it('SIGKILL mid-cycle: the next start finishes the day exactly once', { timeout: 120_000 }, async () => {
    const sqlite = getSqlite();
    const campaignId = insertLargeCampaign(sqlite, 300, { deadline: DEADLINE });
    await runChildUntilPaused('close-campaigns');
    // The child's work committed: the campaign closed and its batch proposed; its run still says running.
    expect(count('SELECT count(*) AS n FROM batches WHERE campaign_id = ?', campaignId)).toBe(1);
    expect(count("SELECT count(*) AS n FROM cycle_runs WHERE job = 'close-campaigns' AND status = 'running'")).toBe(1);

    // Within the dead process's lease, a new start leaves the run alone…
    const early = await runDueCycle(sqlite, { hourUtc: 2, owner: 'restart', now: () => NOW, leaseMs: LEASE_MS });
    expect(early).toEqual([]);
    // …and once the lease has expired it takes it over and finishes the day.
    await new Promise((r) => setTimeout(r, LEASE_MS + 200));
    const after = await runDueCycle(sqlite, { hourUtc: 2, owner: 'restart', now: () => NOW, leaseMs: LEASE_MS });
    expect(after.map((r) => [r.job, r.ok])).toEqual([
      ['close-campaigns', true],
      ['propose-batches', true],
      ['batch-reminders', true],
      ['cancel-leavers', true],
      ['retention-purge', true],
      ['metrics-refresh', true],
    ]);
    expect(after[0]?.counts).toEqual({ closed: 0 });

    expect(count('SELECT count(*) AS n FROM batches WHERE campaign_id = ?', campaignId)).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'batch.propose'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'campaign.close'")).toBe(1);
    const day = new Date(NOW).toISOString().slice(0, 10);
    // The day's dormant counts: one row per (country, plan, reason, currency), written once.
    expect(count('SELECT count(*) AS n FROM dormancy_daily WHERE day = ?', day)).toBe(
      count('SELECT count(*) AS n FROM (SELECT DISTINCT country, plan, reason, currency FROM dormancy_daily WHERE day = ?)', day),
    );
    const runs = sqlite.prepare('SELECT job, status, attempt FROM cycle_runs ORDER BY id').all();
    expect(runs).toEqual([
      { job: 'dormancy-scan', status: 'done', attempt: 1 },
      { job: 'risk-score', status: 'done', attempt: 1 },
      { job: 'enrol-always-on', status: 'done', attempt: 1 },
      { job: 'close-campaigns', status: 'done', attempt: 2 },
      { job: 'propose-batches', status: 'done', attempt: 1 },
      { job: 'batch-reminders', status: 'done', attempt: 1 },
      { job: 'cancel-leavers', status: 'done', attempt: 1 },
      { job: 'retention-purge', status: 'done', attempt: 1 },
      { job: 'metrics-refresh', status: 'done', attempt: 1 },
    ]);
    // A further start finds the day complete.
    expect(await runDueCycle(sqlite, { hourUtc: 2, owner: 'again', now: () => NOW })).toEqual([]);
  });
});
