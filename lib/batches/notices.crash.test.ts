import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NOTICE_INTERRUPTED } from '@/db/staff-notices';
import { DEADLINE, insertCampaign, insertRecipient } from '@/lib/testing/batches/fixtures';
import { proposeBatchForCampaign, submitBatch } from '@/lib/testing/batches/steps';
import { getSqlite, staffByRole, withDemoStaff } from '@/lib/testing/db';
import { waitFor } from '@/lib/testing/delivery/fixtures';
import { type SmtpSink, startSmtpSink } from '@/lib/testing/delivery/smtp-sink';

// The sender (`npm run worker`, the same housekeeping pass the server runs) is SIGKILLed while it
// emails approvers about a submitted batch, then restarted. Counted at a real SMTP server: no
// approver receives the email twice, the rest are emailed after the restart, and the one caught
// mid-send is failed as interrupted, not re-sent.

let sink: SmtpSink;
const children: ChildProcess[] = [];
const output: string[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sink.close();
});

function startWorker(): ChildProcess {
  // node itself with tsx as a loader: the `tsx` binary would fork a grandchild that outlives SIGKILL.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=react-server', 'scripts/worker.ts', '--lease-ms', '1500', '--idle-ms', '100'],
    {
      env: {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL,
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        SMTP_FROM: 'Rekindle <no-reply@rekindle.test>',
        PUBLIC_BASE_URL: 'https://rekindle.example',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => output.push(String(d)));
  child.stderr?.on('data', (d) => output.push(String(d)));
  children.push(child);
  return child;
}

type Row = { id: number; email: string; status: string; last_error: string | null };
const rows = () =>
  getSqlite()
    .prepare('SELECT n.id, s.email, n.status, n.last_error FROM staff_notices n JOIN staff s ON s.id = n.staff_id ORDER BY n.id')
    .all() as Row[];

it('a sender killed while emailing approvers and restarted never emails anyone twice, and finishes', async () => {
  const sqlite = getSqlite();
  await withDemoStaff();
  const insert = sqlite.prepare(
    `INSERT INTO staff (email, name, role, password_hash, disabled, created_at, updated_at) VALUES (?, ?, 'approver', 'x', 0, 0, 0)`,
  );
  for (let i = 1; i <= 30; i++) insert.run(`crash-approver-${i}@rekindle.test`, `Approver ${i}`);
  const campaignId = insertCampaign(sqlite);
  insertRecipient(sqlite, campaignId, { accountId: 'CRASH-N-1' });
  const batchId = proposeBatchForCampaign(sqlite, campaignId, DEADLINE + 1)!;
  const cx = staffByRole('cx_manager');
  // Submitted "now", so no reminder comes due during the test.
  submitBatch(sqlite, batchId, { id: cx.id, label: cx.email }, Date.now());
  const total = rows().length;
  expect(total).toBe(33); // admin@, approver@, approver2@ and the 30 above

  sink.dataDelayMs = 250; // each send spends time in flight, so the kill lands mid-send
  const first = startWorker();
  await waitFor(() => sink.received.length >= 5, 30_000);
  await waitFor(() => rows().some((r) => r.status === 'sending'), 5_000, 5);
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const inFlightAtKill = rows()
    .filter((r) => r.status === 'sending')
    .map((r) => r.id);
  expect(inFlightAtKill).toHaveLength(1);

  await new Promise((r) => setTimeout(r, 400)); // the server may still accept what the dead client sent
  sink.dataDelayMs = 0;
  const second = startWorker();
  await waitFor(() => rows().every((r) => r.status === 'sent' || r.status === 'failed'), 40_000, 50);
  second.kill('SIGTERM');
  await new Promise((r) => second.once('exit', r));

  const counts = sink.countsByRecipient();
  expect(
    [...counts.values()].filter((n) => n > 1),
    output.join(''),
  ).toEqual([]);
  const after = rows();
  for (const r of after.filter((x) => x.status === 'sent')) expect(counts.get(r.email)).toBe(1);
  expect(after.filter((r) => r.status === 'failed')).toEqual(
    inFlightAtKill.map((id) => expect.objectContaining({ id, status: 'failed', last_error: NOTICE_INTERRUPTED })),
  );
  expect(after.filter((r) => r.status === 'sent')).toHaveLength(total - 1);
}, 90_000);
