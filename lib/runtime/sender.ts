import 'server-only';
import { getSqlite } from '@/db/client';
import { config } from '@/lib/runtime/config';
import type { DeliveryWorker } from '../delivery/worker';
import { describeChannel, workerFromConfig } from './sender-start';

// The sender that runs inside the Next server (started by instrumentation.ts). One per process.
const g = globalThis as unknown as { __rekindleSender?: DeliveryWorker };

export function startServerSender() {
  if (g.__rekindleSender || config().DISABLE_WORKER === '1') return;
  g.__rekindleSender = workerFromConfig(getSqlite());
  g.__rekindleSender.start();
  console.log(`[delivery] sender started in the server process: ${describeChannel()}`);
}
