// The campaign sender as its own process: `npm run worker` (safe beside the server's own sender:
// recipients are claimed atomically, the send rate is shared through the database).
//   --lease-ms N     how long a claimed send may go unrenewed before it counts as interrupted
//   --idle-ms N      sleep when idle / housekeeping period
//   --concurrency N  sends in flight at once
//   --backoff-ms N   first retry delay after a transient failure (doubles each attempt)
import { getSqlite } from '@/db/client';
import { noticePassSettled } from '@/lib/batches/notice-sender';
import { keepCheckpointing } from '@/lib/runtime/keeper';
import { describeChannel, workerFromConfig } from '@/lib/runtime/sender-start';

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

const overrides = Object.fromEntries(
  Object.entries({
    leaseMs: arg('lease-ms'),
    idleMs: arg('idle-ms'),
    concurrency: arg('concurrency'),
    backoffBaseMs: arg('backoff-ms'),
  }).filter(([, v]) => v !== undefined),
);

keepCheckpointing(); // before the connection opens: checkpoints run on a worker thread
const worker = workerFromConfig(getSqlite(), overrides);
worker.start();
console.log(`[delivery] worker ${process.pid} started: ${describeChannel()}`);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`[delivery] ${sig}: finishing in-flight sends`);
    await worker.stop();
    await noticePassSettled(); // an approver's email in flight is recorded, not left to look interrupted
    worker.o.channel.close();
    process.exit(0);
  });
