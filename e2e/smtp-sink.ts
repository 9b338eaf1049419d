// A real SMTP server for the e2e run (and the throughput bench), as its own process:
//   SMTP_SINK_PORT=4407 SMTP_SINK_FILE=test-results/smtp-4407.jsonl npx tsx e2e/smtp-sink.ts
// Appends every accepted message to SMTP_SINK_FILE as one JSON line
// ({ to, from, subject, messageId, text, html, at }); specs read that file.
// Recipients whose address starts with "reject-" are refused permanently (550), so specs can
// show a failure with the server's reason; everything else is accepted.
import fs from 'node:fs';
import path from 'node:path';
import { startSmtpSink } from '../lib/testing/delivery/smtp-sink';

async function main() {
  const port = Number(process.env.SMTP_SINK_PORT || 2526);
  const file = process.env.SMTP_SINK_FILE ? path.resolve(process.env.SMTP_SINK_FILE) : undefined;
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
  }
  const sink = await startSmtpSink({ port, keepRaw: false });
  sink.onRcpt = (address) =>
    address.toLowerCase().startsWith('reject-') ? { code: 550, message: '5.1.1 Mailbox does not exist (e2e sink)' } : undefined;
  sink.onMail = (m) => {
    sink.received.length = 0; // keep memory flat: the file is the record
    if (file)
      fs.appendFileSync(
        file,
        `${JSON.stringify({ to: m.to, from: m.from, subject: m.subject, messageId: m.messageId, text: m.text, html: m.html, at: m.at })}\n`,
      );
  };
  console.log(`[smtp-sink] listening on 127.0.0.1:${sink.port}${file ? `, writing ${file}` : ''}`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => sink.close().then(() => process.exit(0)));
}

main();
