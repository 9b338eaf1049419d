import { type NextRequest, NextResponse } from 'next/server';
import { getDb, getSqlite } from '@/db/client';
import { getMember } from '@/db/members';
import { parseMemberId } from '@/lib/domain/members/member-id';
import { hasMalformedPercentEncoding } from '@/lib/domain/percent-encoding';
import { PAGE_LANGUAGE_HEADER } from '@/lib/i18n/page-language';
import { keepPageLocale, keepPageStatus, keepPageView } from '@/lib/keep/keep-page';
import { now } from '@/lib/runtime/clock';
import { contentSecurityPolicy, newNonce } from '@/lib/runtime/content-security-policy';

// Runs before routing, in the server's Node process (Next 16 proxy), so it works under `next start`.
// 0. Every answer gets a Content-Security-Policy with a fresh nonce; the same header on the request
//    is how Next learns the nonce and puts it on the scripts of the page it renders.
// 1. Malformed percent-encoding in the path: the friendly "broken link" page with 400 (the router
//    would otherwise fail decoding a dynamic segment and answer a bare 500). A malformed query never
//    gets here: Next re-encodes it first (`?a=%ZZ` arrives as `?a=%25ZZ`) and pages read it as text.
// 2. GET of a keep page: the status says what the page shows (404 invalid, 410 expired or closed);
//    a server component cannot set a status other than 404, so it is decided here, read-only. The
//    page's language goes to the root layout's <html lang> in a request header.
// 3. GET of a member page naming no member: 404. The page's notFound() comes too late for the status:
//    the members loading boundary has already sent the page's start with 200. A signed-out visitor
//    is still redirected to sign in (the redirect's status replaces this one).

const KEEP_PAGE = /^\/keep\/([^/]+)$/;
const MEMBER_PAGE = /^\/members\/([^/]+)$/;
const BROKEN_LINK_PAGE = '/broken-link';

export function proxy(request: NextRequest) {
  const csp = contentSecurityPolicy(newNonce(), process.env.NODE_ENV === 'production');
  const forwarded = new Headers(request.headers);
  forwarded.set('Content-Security-Policy', csp);
  const pass = (status?: number) => {
    const response = NextResponse.next({ status, request: { headers: forwarded } });
    response.headers.set('Content-Security-Policy', csp);
    return response;
  };
  const { pathname } = request.nextUrl;
  if (hasMalformedPercentEncoding(pathname)) {
    const response = NextResponse.rewrite(new URL(BROKEN_LINK_PAGE, request.url), {
      status: 400,
      request: { headers: forwarded },
    });
    response.headers.set('Content-Security-Policy', csp);
    return response;
  }
  // The rewritten request passes through here again: the status of this pass is the one sent.
  if (pathname === BROKEN_LINK_PAGE) return pass(400);
  // Whatever a client sends in the page-language header is dropped; only a keep page sets it.
  forwarded.delete(PAGE_LANGUAGE_HEADER);
  if (request.method !== 'GET' && request.method !== 'HEAD') return pass();
  // Segments as the pages receive them: decoded once (safe: malformed encoding was answered above).
  const keep = KEEP_PAGE.exec(pathname);
  if (keep) {
    const token = decodeURIComponent(keep[1]!).slice(0, 200);
    const view = keepPageView(getSqlite(), token, now());
    forwarded.set(PAGE_LANGUAGE_HEADER, keepPageLocale(view, request.headers.get('accept-language')));
    return pass(keepPageStatus(view.state));
  }
  const member = MEMBER_PAGE.exec(pathname);
  if (member) {
    const id = parseMemberId(decodeURIComponent(member[1]!));
    if (id === null || !getMember(getDb(), id)) return pass(404);
  }
  return pass();
}

export const config = {
  // Everything but the build's static files (their names are hashes the app wrote) and the CSV
  // uploads: Next buffers a request's body for the proxy and cuts it at 10 MB, which would truncate
  // a 200 MB file at /api/import/*. Those paths are static, so the router never fails decoding them
  // (a malformed one answers 404).
  matcher: '/((?!_next/static|_next/image|api/import/).*)',
};
