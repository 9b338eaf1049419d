import type { AddressInfo } from 'node:net';
import type Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { recordReports } from '@/lib/delivery/bounce-api';
import { parseBounceMail } from '@/lib/delivery/dsn';

// The optional inbound SMTP listener for bounce messages (BOUNCE_SMTP_PORT): the relay, or the MX
// of the bounce domain, hands it the delivery status notifications and abuse reports sent back to
// our envelope sender. Every message is accepted (refusing a bounce would bounce it again); those
// naming no email of ours change nothing. Addresses are never logged.

export type BounceListener = { port: number; close(): Promise<void> };
const MAX_BYTES = 2 * 1024 * 1024;

export async function startBounceListener(o: {
  sqlite: Database.Database;
  port: number;
  host: string;
  now: () => number;
  log?: (m: string) => void;
}): Promise<BounceListener> {
  const log = o.log ?? (() => {});
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: MAX_BYTES,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        const at = o.now();
        parseBounceMail(Buffer.concat(chunks), at)
          .then((reports) => {
            if (!reports.length) return log('bounce listener: a message with no failed recipient (ignored)');
            // A reporting server's clock may run ahead of ours: never record a bounce in our future.
            const results = recordReports(
              o.sqlite,
              at,
              reports.map((r) => ({ ...r, occurredAt: Math.min(r.occurredAt, at), source: 'smtp' as const })),
              'refuse',
            );
            const matched = results.filter((r) => r.kind === 'recorded').length;
            log(`bounce listener: ${reports.length} report(s), ${matched} recorded`);
          })
          .catch((err: unknown) =>
            log(`bounce listener: could not read a message (${err instanceof Error ? err.message : 'error'})`),
          )
          .finally(() => callback());
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  server.on('error', (err) => log(`bounce listener error: ${err.message}`));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
