import type { RouteMatrixEntry } from './types';

// The identity-provider sign-in steps are public browser redirects. With no provider configured
// (as here) both send the browser back to /login; the flow itself is proved by e2e/oidc.spec.ts
// against a real provider.
export const routes: RouteMatrixEntry[] = [
  { file: 'app/auth/oidc/start/route.ts', method: 'GET', auth: 'public', redirects: true, validRequest: () => ({}) },
  {
    file: 'app/auth/oidc/callback/route.ts',
    method: 'GET',
    auth: 'public',
    redirects: true,
    validRequest: () => ({ query: { code: 'a-code', state: 'a-state' } }),
  },
];
