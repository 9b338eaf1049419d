import { afterEach, describe, expect, it } from 'vitest';
import { config, resetConfigCache } from './config';

const KEYS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_ROLE_MAP', 'PASSWORD_SIGNIN'] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

function withEnv(env: Partial<Record<(typeof KEYS)[number], string>>) {
  for (const k of KEYS) delete process.env[k];
  Object.assign(process.env, env);
  resetConfigCache();
  return () => config();
}

afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetConfigCache();
});

describe('OIDC configuration', () => {
  it('is off by default, with password sign-in on', () => {
    const c = withEnv({})();
    expect(c.OIDC_ISSUER).toBe('');
    expect(c.PASSWORD_SIGNIN).toBe('on');
    expect(c.OIDC_ROLE_CLAIM).toBe('groups');
  });

  it('reads the role map into group → role', () => {
    const c = withEnv({
      OIDC_ISSUER: 'https://id.example.com',
      OIDC_CLIENT_ID: 'rk',
      OIDC_ROLE_MAP: 'admins=admin,cx=cx_manager',
    })();
    expect(c.OIDC_ROLE_MAP.get('cx')).toBe('cx_manager');
  });

  it('stops on an unknown role, naming the variable and the role', () => {
    const load = withEnv({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'rk', OIDC_ROLE_MAP: 'admins=root' });
    expect(load).toThrow(/OIDC_ROLE_MAP: "root" \(for group "admins"\) is not a role/);
  });

  it('stops when an issuer is set without a client id or any mapped group', () => {
    expect(withEnv({ OIDC_ISSUER: 'https://id.example.com', OIDC_ROLE_MAP: 'a=admin' })).toThrow(/OIDC_CLIENT_ID: required/);
    expect(withEnv({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'rk' })).toThrow(/OIDC_ROLE_MAP: map at least one/);
  });

  it('stops on a password sign-in mode that does not exist', () => {
    expect(withEnv({ PASSWORD_SIGNIN: 'admin' })).toThrow(/PASSWORD_SIGNIN/);
  });

  it('stops when password sign-in is off and there is no identity provider (no way in)', () => {
    expect(withEnv({ PASSWORD_SIGNIN: 'off' })).toThrow(/PASSWORD_SIGNIN: 'off' needs OIDC_ISSUER/);
  });
});
