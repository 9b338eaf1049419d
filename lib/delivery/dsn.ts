import { simpleParser } from 'mailparser';
import type { ParsedReport } from '@/lib/domain/delivery/bounce-payloads';
import { reportsFromDsn } from '@/lib/domain/delivery/dsn';

// A received bounce message, decoded by mailparser (MIME, transfer encodings, charsets) and read as
// an RFC 3464 delivery status notification or an RFC 5965 abuse report. mailparser folds the
// machine-readable message/delivery-status part into the text; the original's headers
// (text/rfc822-headers) or message (message/rfc822) come as attachments.

export async function parseBounceMail(raw: Buffer | string, receivedAt: number): Promise<ParsedReport[]> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
  const type = mail.headers.get('content-type');
  const reportType =
    type && typeof type === 'object' && 'params' in type
      ? ((type.params as Record<string, string>)['report-type'] ?? null)
      : null;
  const quoted = mail.attachments
    .filter((a) => /^(text\/rfc822-headers|message\/rfc822|message\/global|message\/feedback-report)/i.test(a.contentType))
    .map((a) => a.content.toString('utf8'));
  // An abuse report's machine part may arrive as an attachment too.
  const feedback = mail.attachments
    .filter((a) => /^message\/feedback-report/i.test(a.contentType))
    .map((a) => a.content.toString('utf8'));
  const text = [mail.text ?? '', ...feedback].join('\n\n');
  return reportsFromDsn({ reportType: reportType?.toLowerCase() ?? null, text, quoted }, receivedAt);
}
