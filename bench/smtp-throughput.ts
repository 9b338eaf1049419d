// Sender throughput to a real SMTP server on loopback (smtp-server in this process):
//   npx tsx --conditions=react-server bench/smtp-throughput.ts [--messages 3000] [--rate 5000] [--concurrency 8]
// Builds its own database under bench/tmp/, queues one campaign, and times the worker from the
// first claim to the last recipient marked sent. The SMTP server (e2e/smtp-sink.ts) runs in its own
// process, as a real one would, and counts duplicates from its log. Real message building (lib/delivery/message.ts),
// real claims (IMMEDIATE transactions), real SMTP (pooled nodemailer connections).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/open';
import { buildMessageFor } from '@/lib/delivery/message';
import { smtpChannel } from '@/lib/delivery/transport';
import { DeliveryWorker } from '@/lib/delivery/worker';
import { seedQueuedCampaign } from '@/lib/testing/delivery/fixtures';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

async function main() {
  const messages = arg('messages', 3000);
  const rate = arg('rate', 5000);
  const concurrency = arg('concurrency', 8);
  const dir = path.resolve('bench/tmp');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `smtp-throughput-${process.pid}.db`);
  const sqlite = openDatabase(file);
  const { campaignId } = seedQueuedCampaign(sqlite, { recipients: messages });
  const port = 20000 + (process.pid % 20000);
  const log = path.join(dir, `smtp-throughput-${process.pid}.jsonl`);
  const sink = spawn(process.execPath, ['--import', 'tsx', 'e2e/smtp-sink.ts'], {
    env: { ...process.env, SMTP_SINK_PORT: String(port), SMTP_SINK_FILE: log },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => sink.stdout?.on('data', (d) => String(d).includes('listening') && resolve()));
  const worker = new DeliveryWorker({
    sqlite,
    channel: smtpChannel(`smtp://127.0.0.1:${port}`, concurrency),
    buildMessage: (db, id) => buildMessageFor(db, id),
    from: 'Rekindle <no-reply@rekindle.local>',
    ratePerSecond: rate,
    concurrency,
    idleMs: 50,
    now: Date.now,
  });
  const sentCount = sqlite.prepare(`SELECT count(*) AS n FROM campaign_members WHERE campaign_id = ? AND status = 'sent'`);
  const t0 = performance.now();
  worker.start();
  while ((sentCount.get(campaignId) as { n: number }).n < messages) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - t0) / 1000;
  await worker.stop();
  worker.o.channel.close();
  sink.kill('SIGTERM');
  await new Promise((r) => sink.once('exit', r));
  const received = fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { to: string[] }).to[0]);
  const dupes = received.length - new Set(received).size;
  console.log(
    JSON.stringify({
      messages,
      rateSetting: rate,
      concurrency,
      seconds: Number(seconds.toFixed(2)),
      messagesPerSecond: Math.round(messages / seconds),
      receivedAtServer: received.length,
      duplicates: dupes,
    }),
  );
  sqlite.close();
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  fs.rmSync(log, { force: true });
}

main();
