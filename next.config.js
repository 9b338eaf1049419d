// @ts-check
const securityHeaders = require('./lib/runtime/security-headers.js');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build dir per parallel worker/test run keeps concurrent builds from clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  // authInterrupts: forbidden() answers a page the caller's role lacks with 403 in place.
  experimental: { serverActions: { bodySizeLimit: '2mb' }, authInterrupts: true },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders() }];
  },
};

module.exports = nextConfig;
