// Bounce messages as mail servers send them back: an RFC 3464 delivery status notification
// (multipart/report; report-type=delivery-status, with the original's headers) and an RFC 5965
// abuse report. Used by the unit tests and the e2e test.

export function dsnMail(o: { address: string; messageId: string; status?: string; action?: string; date?: string }): string {
  const status = o.status ?? '5.1.1';
  const date = o.date ?? 'Fri, 4 Dec 2026 10:00:01 +0000';
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    'To: bounces@rekindle.local',
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${date}`,
    'Message-ID: <20261204100001.DSN.1@mx.example.net>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-boundary"',
    '',
    '--dsn-boundary',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.example.net.',
    'I am sorry to have to inform you that your message could not be delivered.',
    '',
    '--dsn-boundary',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    `Arrival-Date: ${date}`,
    '',
    `Final-Recipient: rfc822; ${o.address}`,
    `Original-Recipient: rfc822;${o.address}`,
    `Action: ${o.action ?? 'failed'}`,
    `Status: ${status}`,
    'Remote-MTA: dns; inbox.example.test',
    `Diagnostic-Code: smtp; ${status.startsWith('4') ? '452 4.2.2 Mailbox full' : '550 5.1.1 <address>: Recipient address'}`,
    // A folded continuation line, as servers write long diagnostics.
    status.startsWith('4') ? '    (try again later)' : '    rejected: User unknown',
    `Last-Attempt-Date: ${date}`,
    '',
    '--dsn-boundary',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Rekindle <no-reply@rekindle.local>',
    `To: ${o.address}`,
    'Subject: Last chance',
    `Message-ID: ${o.messageId}`,
    '',
    '--dsn-boundary--',
    '',
  ].join('\r\n');
}

export function abuseReportMail(o: { address: string; messageId: string }): string {
  return [
    'From: abuse@isp.example',
    'To: bounces@rekindle.local',
    'Subject: Abuse report',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="arf"',
    '',
    '--arf',
    'Content-Type: text/plain',
    '',
    'This is an email abuse report.',
    '--arf',
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: SomeGenerator/1.0',
    'Version: 1',
    `Original-Rcpt-To: ${o.address}`,
    'Arrival-Date: Fri, 4 Dec 2026 09:00:00 +0000',
    '',
    '--arf',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Rekindle <no-reply@rekindle.local>',
    `To: ${o.address}`,
    `Message-ID: ${o.messageId}`,
    '',
    '--arf--',
    '',
  ].join('\r\n');
}
