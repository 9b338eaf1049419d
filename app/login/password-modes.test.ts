import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertStaff } from '@/db/staff';
import { NO_PASSWORD } from '@/lib/auth/password';
import { SESSION_COOKIE } from '@/lib/auth/session';
import { type ActionDef, actionRegistry, executeAction } from '@/lib/runtime/action';
import { resetConfigCache } from '@/lib/runtime/config';
import { getDb, withDemoStaff } from '@/lib/testing/db';
import { cookieJar } from '@/lib/testing/next-headers-mock';
import './actions';

// PASSWORD_SIGNIN: 'on' for the demo, 'admins' as the break-glass way in when the identity provider
// is down, 'off' when the provider is the only way in.

vi.mock('next/headers', async () => (await import('@/lib/testing/next-headers-mock')).nextHeadersMock);

const signIn = () => actionRegistry.get('auth.signIn') as ActionDef<never, unknown>;
const attempt = (email: string, password = 'test-password') => executeAction(signIn(), null, { email, password });
function withMode(mode: 'on' | 'admins' | 'off') {
  vi.stubEnv('PASSWORD_SIGNIN', mode);
  vi.stubEnv('OIDC_ISSUER', 'https://id.example.com');
  vi.stubEnv('OIDC_CLIENT_ID', 'rekindle');
  vi.stubEnv('OIDC_ROLE_MAP', 'admins=admin');
  vi.stubEnv('OIDC_PROVIDER_NAME', 'Acme ID');
  resetConfigCache();
}

beforeAll(withDemoStaff);
afterEach(() => {
  cookieJar.clear();
  vi.unstubAllEnvs();
  resetConfigCache();
});

describe('password sign-in modes', () => {
  it("'admins' lets an admin in by password and refuses everyone else, with no session", async () => {
    withMode('admins');
    expect((await attempt('admin@rekindle.local')).state.ok).toBe(true);
    cookieJar.clear();
    const cx = await attempt('cx@rekindle.local');
    expect(cx.state).toMatchObject({ ok: false, message: 'Password sign-in is for admins only. Sign in with Acme ID.' });
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false);
  });

  it("'off' refuses even an admin's right password", async () => {
    withMode('off');
    const r = await attempt('admin@rekindle.local');
    expect(r.state).toMatchObject({ ok: false, message: 'Password sign-in is turned off. Sign in with Acme ID.' });
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false);
  });

  it('a staff member created by the identity provider has no password that works', async () => {
    withMode('on');
    insertStaff(getDb(), { email: 'sso.only@rekindle.local', name: 'SSO', role: 'admin', passwordHash: NO_PASSWORD, at: 1 });
    for (const password of [NO_PASSWORD, 'x', ' ']) {
      expect((await attempt('sso.only@rekindle.local', password)).state).toMatchObject({
        ok: false,
        message: 'Wrong email or password.',
      });
    }
  });
});
