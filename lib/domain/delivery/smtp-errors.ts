// How a failed SMTP attempt is treated. SMTP says it in the reply code: 4xx = try again later,
// 5xx = permanent. Errors with no reply (connection refused, reset, timeouts, DNS) are transient:
// the message never reached a server that could refuse it.

export type SendFailure = { transient: boolean; reason: string };

const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ETLS',
  'EAUTH', // a credentials problem affects every message: keep them queued until it is fixed
  'EPROTOCOL',
]);

type SmtpLikeError = { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };

/** Classifies an error thrown by nodemailer; the reason is the server's own words when it gave any. */
export function classifySmtpError(err: unknown): SendFailure {
  const e = (err ?? {}) as SmtpLikeError;
  const response = typeof e.response === 'string' && e.response.trim() ? e.response.trim() : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' && e.message ? e.message : 'unknown error';
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const reason = truncate(response ?? (code ? `${code}: ${message}` : message));
  if (responseCode !== undefined) {
    if (responseCode >= 400 && responseCode < 500) return { transient: true, reason };
    if (responseCode >= 500) return { transient: false, reason };
  }
  if (code && TRANSIENT_CODES.has(code)) return { transient: true, reason };
  // Unknown failures without a reply code: assume the network, and retry (bounded by maxAttempts).
  return { transient: responseCode === undefined && !code, reason };
}

function truncate(s: string): string {
  return s.length > 500 ? `${s.slice(0, 497)}...` : s;
}

/**
 * Delay before attempt n+1 after n failed attempts: base × 2^(n−1), capped. Deterministic (no
 * jitter): retries are spread anyway by the global send rate.
 */
export function backoffMs(failedAttempts: number, baseMs: number, maxMs: number): number {
  const n = Math.max(1, failedAttempts);
  return Math.min(maxMs, baseMs * 2 ** (n - 1));
}

/** A stable Message-ID per recipient, so a resend (manual retry) is recognisable as the same message. */
export function messageIdFor(campaignId: number, campaignMemberId: number, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'rekindle.local';
  return `<rekindle.c${campaignId}.r${campaignMemberId}@${domain}>`;
}
