import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { type ParsedMail, parseMail } from './mime';

// A real SMTP server on loopback for tests, the e2e run and the throughput bench.

export type ReceivedMail = ParsedMail & { from: string; to: string[]; raw: string; at: number };
export type RcptHook = (address: string, session: SMTPServerSession) => { code: number; message: string } | undefined;

export type SmtpSink = {
  port: number;
  received: ReceivedMail[];
  /** Count of accepted messages per recipient address (the duplicate detector). */
  countsByRecipient(): Map<string, number>;
  /** Decide per RCPT TO: return an SMTP error to refuse (4xx transient, 5xx permanent). */
  onRcpt: RcptHook | undefined;
  /** Delay before answering DATA (to simulate a slow server). */
  dataDelayMs: number;
  /** Called for every accepted message. */
  onMail?: (mail: ReceivedMail) => void;
  close(): Promise<void>;
};

function smtpError(code: number, message: string) {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpSink(opts: { port?: number; host?: string; keepRaw?: boolean } = {}): Promise<SmtpSink> {
  let accepted = 0;
  const sink: SmtpSink = {
    port: 0,
    received: [],
    countsByRecipient() {
      const m = new Map<string, number>();
      for (const r of sink.received) for (const to of r.to) m.set(to, (m.get(to) ?? 0) + 1);
      return m;
    },
    onRcpt: undefined,
    dataDelayMs: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, session, callback) {
      const refuse = sink.onRcpt?.(address.address, session);
      if (refuse) return callback(smtpError(refuse.code, refuse.message));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedMail = {
          ...parseMail(raw),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: opts.keepRaw === false ? '' : raw,
          at: Date.now(),
        };
        const accept = () => {
          accepted++;
          sink.received.push(mail);
          sink.onMail?.(mail);
          callback(null, `Queued as ${accepted}`);
        };
        if (sink.dataDelayMs) setTimeout(accept, sink.dataDelayMs);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  // A client that dies mid-session (the crash tests SIGKILL the sender) resets its connection; a
  // real SMTP server shrugs that off, and so must this one instead of raising an uncaught error.
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') console.error('[smtp-sink]', err.message);
  });
  sink.port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  return sink;
}
