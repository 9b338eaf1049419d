import { beginSignIn, oidcEnabled } from '@/lib/auth/oidc';

/** "Sign in with <provider>": off to the identity provider, with a fresh PKCE verifier, state and nonce. */
export async function GET() {
  if (!oidcEnabled()) return seeOther('/login');
  try {
    return seeOther((await beginSignIn()).href);
  } catch (error) {
    console.error(`OIDC sign-in could not start: ${(error as Error).message}`);
    return seeOther('/auth/refused?reason=failed');
  }
}

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });
