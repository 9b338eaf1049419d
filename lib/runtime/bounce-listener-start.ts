import 'server-only';
import { getSqlite } from '@/db/client';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';
import { type BounceListener, startBounceListener } from './bounce-listener';

// The bounce listener inside the server process (instrumentation.ts), when BOUNCE_SMTP_PORT is set.
const g = globalThis as unknown as { __rekindleBounceListener?: Promise<BounceListener> };

export function startServerBounceListener() {
  const c = config();
  if (g.__rekindleBounceListener || c.BOUNCE_SMTP_PORT == null) return;
  const log = (m: string) => console.log(`[bounces] ${m}`);
  g.__rekindleBounceListener = startBounceListener({
    sqlite: getSqlite(),
    port: c.BOUNCE_SMTP_PORT,
    host: c.BOUNCE_SMTP_HOST,
    now,
    log,
  });
  g.__rekindleBounceListener.then(
    (l) => log(`bounce listener on ${c.BOUNCE_SMTP_HOST}:${l.port}`),
    (err: unknown) => log(`bounce listener could not start: ${err instanceof Error ? err.message : 'error'}`),
  );
}
