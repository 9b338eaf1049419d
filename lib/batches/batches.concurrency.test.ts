import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEADLINE, insertLargeCampaign } from '@/lib/testing/batches/fixtures';
import { decideBatch, executeBatch, proposeBatchForCampaign, submitBatch } from '@/lib/testing/batches/steps';
import { getSqlite, staffByRole, withDemoStaff } from '@/lib/testing/db';

// Separate processes against the same SQLite file: two executions and a stream of views (and of
// keep-link confirmations) at once; two approvals at once; and a SIGKILL in the middle of an
// execution. Child: lib/testing/batches/concurrency-child.ts.

const CHILD = path.resolve('lib/testing/batches/concurrency-child.ts');
const file = () => process.env.DATABASE_URL!;

function child(args: string[]): { proc: ChildProcess; output: Promise<string>; started: Promise<void> } {
  const proc = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', CHILD, ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let resolveStarted: () => void;
  const started = new Promise<void>((r) => {
    resolveStarted = r;
  });
  proc.stdout!.on('data', (d) => {
    out += String(d);
    if (out.includes('STARTED')) resolveStarted();
  });
  proc.stderr!.on('data', (d) => {
    out += String(d);
  });
  const output = new Promise<string>((resolve) => proc.on('exit', () => resolve(out)));
  return { proc, output, started };
}
const lastJson = (s: string) =>
  JSON.parse(
    s
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .at(-1)!,
  );

async function approvedBatch(n: number) {
  await withDemoStaff();
  const sqlite = getSqlite();
  const campaignId = insertLargeCampaign(sqlite, n);
  const id = proposeBatchForCampaign(sqlite, campaignId, DEADLINE + 1)!;
  const a1 = staffByRole('approver', 'approver@rekindle.local');
  const a2 = staffByRole('approver', 'approver2@rekindle.local');
  submitBatch(sqlite, id, { id: a1.id, label: a1.email }, DEADLINE + 2);
  return { sqlite, id, a1, a2, campaignId };
}
const memberIds = (batchId: number) =>
  (
    getSqlite().prepare('SELECT member_id AS id FROM batch_members WHERE batch_id = ? ORDER BY member_id').all(batchId) as {
      id: number;
    }[]
  ).map((r) => r.id);

describe('concurrency (separate processes, one SQLite file)', () => {
  it('two executions and streams of views and confirmations: nobody who responded first is cancelled, nobody twice', {
    timeout: 120_000,
  }, async () => {
    const { sqlite, id, a2 } = await approvedBatch(30_000);
    decideBatch(sqlite, id, 'approve', 'ok', { id: a2.id, label: a2.email }, DEADLINE + 3);
    const ids = memberIds(id);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rk-conc-'));
    // Every 15th member watches something, every 15th (offset 7) confirms, spread over the run.
    const viewers = ids.filter((_, i) => i % 15 === 0).slice(0, 1200);
    const confirmers = ids.filter((_, i) => i % 15 === 7).slice(0, 600);
    const views = child(['views', file(), path.join(dir, 'views.jsonl'), viewers.join(',')]);
    const confirms = child(['confirm', file(), path.join(dir, 'confirms.jsonl'), confirmers.join(',')]);
    await Promise.all([views.started, confirms.started]);
    await new Promise((r) => setTimeout(r, 400)); // some views land before the executions
    const e1 = child(['execute', file(), String(id), String(a2.id)]);
    const e2 = child(['execute', file(), String(id), String(a2.id)]);
    const results = (await Promise.all([e1.output, e2.output])).map(lastJson);
    await Promise.all([views.output, confirms.output]);

    expect(results.filter((r) => r.ok).length, JSON.stringify(results)).toBe(1);
    expect(results.find((r) => !r.ok).error).toMatch(/already been executed|being executed/);

    const state = new Map(
      (
        sqlite.prepare('SELECT member_id AS id, state FROM batch_members WHERE batch_id = ?').all(id) as {
          id: number;
          state: string;
        }[]
      ).map((r) => [r.id, r.state]),
    );
    const check = (log: string) => {
      const lines = fs
        .readFileSync(path.join(dir, log), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: number; seen: string });
      const before = lines.filter((l) => l.seen !== 'cancelled');
      const after = lines.filter((l) => l.seen === 'cancelled');
      // Responded before the execution committed → never cancelled.
      for (const l of before) expect(state.get(l.id), `member ${l.id} responded first`).not.toBe('cancelled');
      // Responded after → was cancelled by it (a view cannot undo a committed cancellation).
      for (const l of after) expect(state.get(l.id)).toBe('cancelled');
      return { before: before.length, after: after.length };
    };
    const v = check('views.jsonl');
    const c = check('confirms.jsonl');
    // The race really happened: some responses landed on each side of the execution.
    expect(v.before).toBeGreaterThan(0);
    expect(v.after + c.after).toBeGreaterThan(0);
    // Nobody cancelled twice: one cancellation per member, all by this batch, matching its rows.
    const m = sqlite
      .prepare(
        `SELECT count(*) AS n, sum(cancelled_batch_id = ?) AS mine FROM members WHERE status = 'cancelled' AND id IN (SELECT member_id FROM batch_members WHERE batch_id = ?)`,
      )
      .get(id, id) as { n: number; mine: number };
    const cancelledRows = [...state.values()].filter((s) => s === 'cancelled').length;
    expect(m).toEqual({ n: cancelledRows, mine: cancelledRows });
    expect(results.find((r) => r.ok).cancelled).toBe(cancelledRows);
    const audits = sqlite
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'batch.execute' AND entity_id = ?")
      .get(String(id));
    expect(audits).toEqual({ n: 1 });
  });

  it('two approvals at once have the effect of one', { timeout: 60_000 }, async () => {
    const { sqlite, id, a2 } = await approvedBatch(50);
    const admin = staffByRole('admin');
    const [r1, r2] = (
      await Promise.all([
        child(['approve', file(), String(id), String(a2.id)]).output,
        child(['approve', file(), String(id), String(admin.id)]).output,
      ])
    ).map(lastJson);
    expect([r1.ok, r2.ok].filter(Boolean).length, JSON.stringify([r1, r2])).toBe(1);
    expect((r1.ok ? r2 : r1).error).toMatch(/already approved by/);
    expect(
      sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'batch.approve' AND entity_id = ?").get(String(id)),
    ).toEqual({ n: 1 });
  });
});

describe('crash in the middle of an execution', () => {
  it('SIGKILL leaves nobody half-cancelled; re-running completes it once', { timeout: 180_000 }, async () => {
    const N = 150_000;
    const { sqlite, id, a2 } = await approvedBatch(N);
    decideBatch(sqlite, id, 'approve', 'ok', { id: a2.id, label: a2.email }, DEADLINE + 3);
    const e = child(['execute', file(), String(id), String(a2.id)]);
    await e.started;
    // Kill it inside the transaction: the members are updated but nothing is committed yet.
    const kind = `batch.execute:${id}`;
    let seen = '';
    await new Promise<void>((resolve) =>
      e.proc.stdout!.on('data', (d) => {
        seen += String(d);
        if (seen.includes('IN_TRANSACTION')) {
          e.proc.kill('SIGKILL');
          resolve();
        }
      }),
    );
    await e.output;
    expect(seen).not.toMatch(/"ok":true/);

    // All or nothing: the batch is still approved, nobody is cancelled, every row still 'included'.
    expect(sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(id)).toEqual({ status: 'approved' });
    expect(sqlite.prepare('SELECT count(*) AS n FROM members WHERE cancelled_batch_id = ?').get(id)).toEqual({ n: 0 });
    expect(sqlite.prepare("SELECT count(*) AS n FROM batch_members WHERE batch_id = ? AND state = 'included'").get(id)).toEqual({
      n: N,
    });
    expect(sqlite.prepare('SELECT status FROM jobs WHERE kind = ?').get(kind)).toEqual({ status: 'running' }); // the dead attempt

    // After the restart: the work completes, exactly once.
    const r = executeBatch(sqlite, id, { id: a2.id, label: a2.email }, DEADLINE + 10);
    expect(r.cancelled).toBe(N);
    expect(
      sqlite.prepare("SELECT count(*) AS n FROM members WHERE cancelled_batch_id = ? AND status = 'cancelled'").get(id),
    ).toEqual({ n: N });
    expect(() => executeBatch(sqlite, id, { id: a2.id, label: a2.email }, DEADLINE + 11)).toThrow(/already been executed/);
    const jobs = sqlite.prepare('SELECT status FROM jobs WHERE kind = ? ORDER BY id').all(kind);
    expect(jobs).toEqual([{ status: 'failed' }, { status: 'done' }]);
  });
});
