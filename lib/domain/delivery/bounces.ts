// Bounces and complaints: how a report finds its message, and what it does to the recipient.

export const BOUNCE_SOURCES = ['api', 'ses', 'postmark', 'smtp'] as const;
export type BounceSource = (typeof BOUNCE_SOURCES)[number];
export const BOUNCE_TYPES = ['hard', 'soft', 'complaint'] as const;
export type BounceType = (typeof BOUNCE_TYPES)[number];

/** Soft bounces of one recipient after which the address counts as hard-bounced. */
export const SOFT_BOUNCES_BEFORE_HARD = 3;

/**
 * The recipient (campaign_members.id) a Message-ID of ours names (smtp-errors.ts messageIdFor
 * writes it on every campaign email), or null for anyone else's.
 */
export function recipientFromMessageId(messageId: string): { campaignId: number; recipientId: number } | null {
  const m = /^<?rekindle\.c(\d{1,15})\.r(\d{1,15})@[^>\s]+>?$/i.exec(messageId.trim());
  if (!m?.[1] || !m[2]) return null;
  return { campaignId: Number(m[1]), recipientId: Number(m[2]) };
}

/** Addresses compare case-insensitively (in practice, mailbox providers treat them so). */
export const normaliseAddress = (address: string) => address.trim().toLowerCase();

/**
 * What a report does to a recipient: hard bounces and complaints mark it not reached at once; a
 * soft bounce is retried until it has happened SOFT_BOUNCES_BEFORE_HARD times, then counts as hard.
 */
export function bounceEffect(type: BounceType, softBouncesBefore: number): 'not_reached' | 'retry' {
  if (type !== 'soft') return 'not_reached';
  return softBouncesBefore + 1 >= SOFT_BOUNCES_BEFORE_HARD ? 'not_reached' : 'retry';
}

/** Wait before re-sending after the n-th soft bounce: 15 min, 30 min, … (doubling, capped at 6 h). */
export function softBounceBackoffMs(softBounces: number): number {
  return Math.min(6 * 3_600_000, 15 * 60_000 * 2 ** (Math.max(1, softBounces) - 1));
}

/** The reason shown for a bounced recipient and a suppressed address. */
export function bounceReasonText(type: BounceType, detail: string, softBounces: number): string {
  const d = detail.trim().slice(0, 300);
  if (type === 'complaint') return d ? `Spam complaint: ${d}` : 'Spam complaint';
  if (type === 'soft') return `Soft bounce ${softBounces} times, now treated as hard${d ? `: ${d}` : ''}`;
  return d ? `Hard bounce: ${d}` : 'Hard bounce';
}
