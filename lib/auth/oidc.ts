import 'server-only';
import { cookies } from 'next/headers';
import * as oidc from 'openid-client';
import { getSqlite } from '@/db/client';
import { groupsFromClaim } from '@/lib/domain/auth/directory-roles';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';
import { type DirectorySignIn, signInFromDirectory } from './directory-sign-in';
import { startSession } from './session';

// The OpenID Connect protocol (authorization code + PKCE + state + nonce) is openid-client's: it
// discovers the provider, builds the authorization URL, exchanges the code and validates the ID
// token (signature, issuer, audience, expiry, nonce). This file only carries the flow's secrets
// between the two requests, in a short-lived httpOnly cookie, and reads the verified claims.

const FLOW_COOKIE = 'rk_oidc_flow';
const FLOW_PATH = '/auth/oidc';
const FLOW_MINUTES = 10;

export const oidcEnabled = () => config().OIDC_ISSUER !== '';
const callbackUrl = () => new URL('/auth/oidc/callback', config().PUBLIC_BASE_URL);

let discovered: { issuer: string; configuration: Promise<oidc.Configuration> } | undefined;

/** The provider's metadata, discovered once per process (again after a failed attempt). */
function provider(): Promise<oidc.Configuration> {
  const c = config();
  if (discovered?.issuer === c.OIDC_ISSUER) return discovered.configuration;
  const issuer = new URL(c.OIDC_ISSUER);
  // Plain http only for a provider on this machine (development and the end-to-end tests).
  const loopback = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  const configuration = oidc.discovery(issuer, c.OIDC_CLIENT_ID, c.OIDC_CLIENT_SECRET || undefined, undefined, {
    execute: loopback ? [oidc.allowInsecureRequests] : [],
  });
  discovered = { issuer: c.OIDC_ISSUER, configuration };
  configuration.catch(() => {
    discovered = undefined;
  });
  return configuration;
}

type Flow = { verifier: string; state: string; nonce: string };

/** The URL of the provider's sign-in, with this flow's secrets kept in the flow cookie. */
export async function beginSignIn(): Promise<URL> {
  const configuration = await provider();
  const flow: Flow = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
  (await cookies()).set(FLOW_COOKIE, JSON.stringify(flow), {
    httpOnly: true,
    // Lax: the provider sends the browser back with a top-level GET, which carries it.
    sameSite: 'lax',
    secure: config().NODE_ENV === 'production',
    path: FLOW_PATH,
    maxAge: FLOW_MINUTES * 60,
  });
  return oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackUrl().href,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
}

function readFlow(raw: string | undefined): Flow | null {
  try {
    const f = JSON.parse(raw ?? '') as Partial<Flow>;
    return typeof f.verifier === 'string' && typeof f.state === 'string' && typeof f.nonce === 'string' ? (f as Flow) : null;
  } catch {
    return null;
  }
}

/**
 * Completes the flow from the provider's redirect: code exchange and ID-token checks by
 * openid-client (it throws on any mismatch), then the directory's say on who this is and their
 * role, then a session when they may come in. The flow cookie is spent either way.
 */
export async function finishSignIn(search: string): Promise<DirectorySignIn | { ok: false; reason: 'failed' }> {
  const jar = await cookies();
  const flow = readFlow(jar.get(FLOW_COOKIE)?.value);
  jar.delete({ name: FLOW_COOKIE, path: FLOW_PATH });
  if (!flow) return { ok: false, reason: 'failed' };
  const c = config();
  const configuration = await provider();
  // The URL the provider redirected to, as registered (not as this server's host header says).
  const current = new URL(`${callbackUrl().href}${search}`);
  const tokens = await oidc.authorizationCodeGrant(configuration, current, {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) return { ok: false, reason: 'failed' };
  // Userinfo carries what some providers leave out of the ID token (often the groups).
  const info = configuration.serverMetadata().userinfo_endpoint
    ? await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)
    : {};
  const read = (name: string): unknown => (info as Record<string, unknown>)[name] ?? claims[name];
  const email = read('email');
  const name = read('name');
  const result = signInFromDirectory(
    getSqlite(),
    {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof email === 'string' ? email : undefined,
      emailVerified: read('email_verified') === false ? false : read('email_verified') === true ? true : undefined,
      name: typeof name === 'string' ? name : undefined,
      groups: groupsFromClaim(read(c.OIDC_ROLE_CLAIM)),
    },
    c.OIDC_ROLE_MAP,
    now(),
  );
  if (result.ok) await startSession(result.staffId);
  return result;
}
