import { randomBytes } from 'node:crypto';
import { getDb } from '@/db/client';
import { createSession } from '@/db/staff';

/**
 * A stand-in for `next/headers` in Vitest, where there is no request scope. Use it with
 *   vi.mock('next/headers', async () => (await import('@/lib/testing/next-headers-mock')).nextHeadersMock);
 * then `signInAs(staffId)` writes a real session row and puts its token in the cookie jar, so
 * `currentStaff()` goes through the same lookup (expiry, disabled account) as in production.
 */
export const cookieJar = new Map<string, string>();
export const requestHeaders = new Headers();

type CookieOptions = { httpOnly?: boolean; sameSite?: string; secure?: boolean; maxAge?: number; path?: string };
/** The options the code under test last set on each cookie (to check httpOnly etc.). */
export const cookieOptions = new Map<string, CookieOptions>();

const jar = {
  get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) as string } : undefined),
  getAll: () => [...cookieJar].map(([name, value]) => ({ name, value })),
  has: (name: string) => cookieJar.has(name),
  set: (name: string, value: string, opts: CookieOptions = {}) => {
    cookieJar.set(name, value);
    cookieOptions.set(name, opts);
  },
  delete: (name: string) => {
    cookieJar.delete(name);
  },
};

export const nextHeadersMock = {
  cookies: async () => jar,
  headers: async () => requestHeaders,
};

/** A fresh session row for the staff member, with its cookie set; returns the raw token. */
export async function signInAs(staffId: number, opts: { at?: number; ttlMs?: number } = {}): Promise<string> {
  // Imported late: lib/auth/session imports next/headers, which resolves to this module.
  const { SESSION_COOKIE } = await import('@/lib/auth/session');
  const token = randomBytes(32).toString('base64url');
  createSession(getDb(), token, staffId, opts.at ?? Date.now(), opts.ttlMs ?? 3_600_000);
  cookieJar.set(SESSION_COOKIE, token);
  return token;
}

export function signOutJar() {
  cookieJar.clear();
  cookieOptions.clear();
}
