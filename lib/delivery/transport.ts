import net from 'node:net';
import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { classifySmtpError, type SendFailure } from '../domain/delivery/smtp-errors';

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
};

export type SendOutcome = ({ ok: true; response: string } & { via: 'smtp' | 'outbox' }) | ({ ok: false } & SendFailure);

/** Where email goes: a real SMTP server, or (no SMTP_URL, the demo default) the outbox page. */
export interface EmailChannel {
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingEmail): Promise<SendOutcome>;
  close(): void;
}

/** Timeouts bounded well below the worker's claim lease, so a live sender never looks crashed. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function smtpChannel(url: string, maxConnections: number): EmailChannel {
  const base = parseConnectionUrl(url);
  const transport = nodemailer.createTransport({
    ...base,
    ...TIMEOUTS,
    // Plain/STARTTLS connections: hand nodemailer a socket with Nagle off. SMTP is a chatty
    // request/response protocol; with Nagle on, pipelined commands wait for delayed ACKs (~40 ms
    // per message on loopback, which capped a lane at ~25 messages/s).
    ...(base.secure
      ? {}
      : {
          getSocket: (
            o: { host?: string; port?: number },
            cb: (err: Error | null, socketOptions?: { connection: net.Socket }) => void,
          ) => {
            const socket = net.connect({ host: o.host ?? 'localhost', port: o.port ?? 587, noDelay: true });
            let connected = false;
            // Always listened to: a reset after nodemailer has let go of the socket (pool closed,
            // connection retired) must not become an uncaught 'error' that kills the server.
            socket.on('error', (err) => {
              if (!connected) cb(err);
            });
            socket.setTimeout(TIMEOUTS.connectionTimeout, () => socket.destroy(new Error('connection timeout')));
            socket.once('connect', () => {
              connected = true;
              socket.setTimeout(0);
              cb(null, { connection: socket });
            });
          },
        }),
    pool: true,
    maxConnections,
    maxMessages: 1000,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
        });
        return { ok: true, via: 'smtp', response: String(info.response ?? '250 accepted') };
      } catch (err) {
        return { ok: false, ...classifySmtpError(err) };
      }
    },
    close: () => transport.close(),
  };
}

/** Demo mode: the messages table is the outbox; "delivered" means stored for the outbox page. */
export function outboxChannel(): EmailChannel {
  return {
    kind: 'outbox',
    send: async () => ({ ok: true, via: 'outbox', response: 'stored in the outbox (no SMTP server configured)' }),
    close() {},
  };
}

export function emailChannelFor(smtpUrl: string, maxConnections: number): EmailChannel {
  return smtpUrl.trim() ? smtpChannel(smtpUrl.trim(), maxConnections) : outboxChannel();
}
