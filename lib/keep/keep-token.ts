import { createHmac, timingSafeEqual } from 'node:crypto';

// Keep-link tokens: `<payload>.<hmac>` where payload = base64url("<campaignMemberId>.<expiresAtMs>").
// Forging needs the secret; reuse is refused by the keep page (one confirmation per recipient).

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signKeepToken(campaignMemberId: number, expiresAt: number, secret: string): string {
  const payload = Buffer.from(`${campaignMemberId}.${expiresAt}`).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export type KeepTokenResult =
  | { ok: true; campaignMemberId: number; expiresAt: number }
  | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

export function verifyKeepToken(token: string, secret: string, at: number): KeepTokenResult {
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'tampered' };
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(payload, 'base64url').toString());
  if (!m) return { ok: false, reason: 'malformed' };
  const expiresAt = Number(m[2]);
  if (at >= expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, campaignMemberId: Number(m[1]), expiresAt };
}
