import { finishSignIn, oidcEnabled } from '@/lib/auth/oidc';

/** Where the identity provider sends the browser back: the sign-in completes or a page says why not. */
export async function GET(request: Request) {
  if (!oidcEnabled()) return seeOther('/login');
  let result: Awaited<ReturnType<typeof finishSignIn>>;
  try {
    result = await finishSignIn(new URL(request.url).search);
  } catch (error) {
    // A provider error (access denied…), a replayed or forged response, an unreachable provider.
    console.error(`OIDC sign-in failed: ${(error as Error).message}`);
    result = { ok: false, reason: 'failed' };
  }
  if (!result.ok) return seeOther(`/auth/refused?reason=${result.reason}`);
  return seeOther(result.role === 'executive' ? '/overview' : '/');
}

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });
