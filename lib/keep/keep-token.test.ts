import { describe, expect, it } from 'vitest';
import { signKeepToken, verifyKeepToken } from './keep-token';

const secret = 'test-secret';

describe('keep-link tokens', () => {
  it('round-trips the recipient until the deadline', () => {
    const t = signKeepToken(42, 1_000, secret);
    expect(verifyKeepToken(t, secret, 999)).toEqual({ ok: true, campaignMemberId: 42, expiresAt: 1_000 });
  });

  it('is expired at the deadline instant', () => {
    expect(verifyKeepToken(signKeepToken(42, 1_000, secret), secret, 1_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token naming another recipient or signed with another secret', () => {
    const t = signKeepToken(42, 1_000, secret);
    const otherPayload = Buffer.from('43.1000').toString('base64url');
    expect(verifyKeepToken(`${otherPayload}.${t.split('.')[1]}`, secret, 0)).toEqual({ ok: false, reason: 'tampered' });
    expect(verifyKeepToken(signKeepToken(42, 1_000, 'other'), secret, 0)).toEqual({ ok: false, reason: 'tampered' });
    expect(verifyKeepToken('garbage', secret, 0)).toEqual({ ok: false, reason: 'malformed' });
  });
});
