// Security headers for every response (next.config.js headers()). The Content-Security-Policy is
// not among them: it carries a fresh nonce per request, so proxy.ts sets it
// (lib/runtime/content-security-policy.ts); X-Frame-Options backs its frame-ancestors 'none'.
/** @returns {{ key: string, value: string }[]} */
module.exports = function securityHeaders() {
  return [
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Referrer-Policy', value: 'same-origin' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  ];
};
