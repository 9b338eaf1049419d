// The Content-Security-Policy of one response, set by proxy.ts with a fresh nonce per request.
// Scripts run only when they carry this request's nonce (Next puts it on its own scripts, reading it
// from this header on the request, which is why every page renders per request) or when such a
// script loads them ('strict-dynamic'): an injected inline script cannot run. Styles stay
// 'unsafe-inline': the charts and React set style attributes, and a nonce in style-src would
// disable that. 'unsafe-eval' only in development, where React rebuilds error stacks with eval.

/** A fresh, unguessable nonce (128 random bits, base64). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, production: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? '' : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}
