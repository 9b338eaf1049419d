import type { ParsedReport } from './bounce-payloads';

// Delivery status notifications (RFC 3464) and abuse reports (RFC 5965), read from the text of a
// report the MIME parser already decoded (lib/delivery/dsn.ts): which recipients failed, how
// permanently, and which message of ours it was (the original's Message-ID).

type Fields = Map<string, string>;

/** Header-style field groups separated by blank lines (continuation lines folded in). */
function fieldGroups(text: string): Fields[] {
  const groups: Fields[] = [];
  let current: Fields = new Map();
  let last = '';
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) {
      if (current.size) groups.push(current);
      current = new Map();
      last = '';
      continue;
    }
    if (/^[ \t]/.test(line) && last) {
      current.set(last, `${current.get(last)} ${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (!m?.[1]) continue;
    last = m[1].toLowerCase();
    if (!current.has(last)) current.set(last, (m[2] ?? '').trim());
  }
  if (current.size) groups.push(current);
  return groups;
}

/** "rfc822; a@b" → "a@b". */
const addressOf = (v: string | undefined) =>
  v
    ?.replace(/^[^;]*;\s*/, '')
    .replace(/[<>]/g, '')
    .trim() || null;

/** The Message-ID of the original message quoted in the report (its headers or the whole message). */
export function originalMessageId(quoted: readonly string[]): string | null {
  for (const q of quoted) {
    const m = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(q);
    if (m?.[1]) return m[1];
  }
  return null;
}

/**
 * The reports in a DSN or abuse report. `text` holds the decoded machine-readable part (and
 * perhaps the human one before it); `quoted` the original message's headers or body as attached.
 * Action "failed" with a 5.x.x status is a hard bounce and with 4.x.x a soft one; "delayed",
 * "delivered", "relayed" and "expanded" are not failures.
 */
export function reportsFromDsn(
  m: { reportType: string | null; text: string; quoted: readonly string[] },
  receivedAt: number,
): ParsedReport[] {
  const messageId = originalMessageId(m.quoted);
  const groups = fieldGroups(m.text);
  if (m.reportType === 'feedback-report') {
    const fb = groups.find((g) => g.get('feedback-type')?.toLowerCase() === 'abuse');
    if (!fb) return []; // only an abuse report is a complaint
    const to = addressOf(fb.get('original-rcpt-to')) ?? addressOf(/^To:\s*(.+)$/im.exec(m.quoted.join('\n'))?.[1]);
    if (!to) return [];
    const at = Date.parse(fb.get('arrival-date') ?? '');
    return [{ type: 'complaint', messageId, address: to, occurredAt: Number.isFinite(at) ? at : receivedAt, detail: 'abuse' }];
  }
  const perMessage = groups.find((g) => g.has('reporting-mta') || g.has('arrival-date'));
  const arrival = Date.parse(perMessage?.get('arrival-date') ?? '');
  const out: ParsedReport[] = [];
  for (const g of groups) {
    const address = addressOf(g.get('final-recipient') ?? g.get('original-recipient'));
    const action = g.get('action')?.toLowerCase();
    const status = g.get('status') ?? '';
    if (!address || action !== 'failed') continue;
    const lastAttempt = Date.parse(g.get('last-attempt-date') ?? '');
    out.push({
      type: status.startsWith('4') ? 'soft' : 'hard',
      messageId,
      address,
      occurredAt: Number.isFinite(lastAttempt) ? lastAttempt : Number.isFinite(arrival) ? arrival : receivedAt,
      detail: (g.get('diagnostic-code') ?? status).slice(0, 500),
    });
  }
  return out;
}
