import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INTERRUPTED_REASON } from '@/db/delivery';
import { getSqlite } from '@/lib/testing/db';
import { recipientRows, seedQueuedCampaign, waitFor } from '../testing/delivery/fixtures';
import { type SmtpSink, startSmtpSink } from '../testing/delivery/smtp-sink';

// Trust 2b: the worker process is SIGKILLed mid-send, then restarted. Counted at a real SMTP
// server: nobody receives the message twice, the rest is delivered after the restart, and the
// sends caught by the kill are accounted for (failed as interrupted, for a person to decide).

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
    [
      '--import',
      'tsx',
      '--conditions=react-server',
      'scripts/worker.ts',
      '--lease-ms',
      '1500',
      '--idle-ms',
      '100',
      '--concurrency',
      '4',
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL,
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        SMTP_FROM: 'Rekindle <no-reply@rekindle.test>',
        SEND_RATE_PER_SECOND: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => output.push(String(d)));
  child.stderr?.on('data', (d) => output.push(String(d)));
  children.push(child);
  return child;
}

it('a worker killed mid-send and restarted never messages anyone twice, and finishes the work', async () => {
  const sqlite = getSqlite();
  const c = seedQueuedCampaign(sqlite, { recipients: 60 });
  sink.dataDelayMs = 250; // sends spend time in flight, so the kill lands mid-send

  const first = startWorker();
  await waitFor(() => sink.received.length >= 12, 30_000);
  // Something must be mid-send at the kill.
  await waitFor(() => recipientRows(sqlite, c.campaignId).some((r) => r.status === 'sending'), 5_000, 5);
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const atKill = recipientRows(sqlite, c.campaignId);
  const inFlightAtKill = atKill.filter((r) => r.status === 'sending').map((r) => r.id);
  expect(inFlightAtKill.length).toBeGreaterThan(0);

  // Let the server answer whatever was in flight (it may accept messages the dead client never saw).
  await new Promise((r) => setTimeout(r, 400));
  sink.dataDelayMs = 0;
  const second = startWorker();
  await waitFor(() => recipientRows(sqlite, c.campaignId).every((r) => r.status === 'sent' || r.status === 'failed'), 40_000, 50);
  // The campaign moves on once nothing is left to send.
  const status = () =>
    (sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').get(c.campaignId) as { status: string }).status;
  await waitFor(() => status() === 'awaiting_responses', 5_000);
  second.kill('SIGTERM');
  await new Promise((r) => second.once('exit', r));

  const rows = recipientRows(sqlite, c.campaignId);
  const counts = sink.countsByRecipient();
  // 1. Nobody messaged twice.
  expect(
    [...counts.values()].filter((n) => n > 1),
    output.join(''),
  ).toEqual([]);
  // 2. Every 'sent' recipient received exactly one message.
  for (const r of rows.filter((x) => x.status === 'sent')) expect(counts.get(r.email)).toBe(1);
  // 3. The interrupted ones are exactly those in flight at the kill, failed with the reason, not re-sent.
  const failed = rows.filter((r) => r.status === 'failed');
  expect(failed.map((r) => r.id).sort()).toEqual([...inFlightAtKill].sort());
  expect(failed.every((r) => r.failedReason === INTERRUPTED_REASON)).toBe(true);
  for (const r of failed) expect(counts.get(r.email) ?? 0).toBeLessThanOrEqual(1);
  // 4. The work completed after the restart: everyone else was sent.
  expect(rows.filter((r) => r.status === 'sent')).toHaveLength(60 - inFlightAtKill.length);
  // 5. The restarted worker stopped cleanly on SIGTERM.
  expect(second.exitCode).toBe(0);
}, 90_000);
