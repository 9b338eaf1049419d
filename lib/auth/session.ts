import 'server-only';
import { randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { createSession, deleteSession, staffForSession } from '@/db/staff';
import { can, type Permission } from '@/lib/domain/roles';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';
import { writesFree } from '@/lib/runtime/write-gate';

export const SESSION_COOKIE = 'rk_session';
/** The signed-in caller, as db/staff.ts reads it for a session token. */
export type SessionStaff = NonNullable<ReturnType<typeof staffForSession>>;

/** The signed-in staff member, or null. Every page, route handler and action goes through this. */
export async function currentStaff(): Promise<SessionStaff | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return staffForSession(getDb(), token, now()) ?? null;
}

/** Page guard: sends anonymous visitors to /login; the wrong role gets the 403 page (app/forbidden.tsx). */
export async function requirePage(permission: Permission): Promise<SessionStaff> {
  const s = await currentStaff();
  if (!s) redirect('/login');
  if (!can(s.role, permission)) forbidden();
  return s;
}

/** Route-handler guard: a Response to return when refused, or the staff member. */
export async function requireRoute(permission: Permission): Promise<SessionStaff | Response> {
  const s = await currentStaff();
  if (!s) return Response.json({ error: 'Sign in first.' }, { status: 401 });
  if (!can(s.role, permission)) return Response.json({ error: 'Your role cannot do this.' }, { status: 403 });
  return s;
}

export async function startSession(staffId: number) {
  const token = randomBytes(32).toString('base64url');
  const ttlMs = config().SESSION_TTL_HOURS * 3_600_000;
  await writesFree(); // a big import's write may hold the lock: wait without blocking the server
  createSession(getDb(), token, staffId, now(), ttlMs);
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    // Browsers accept Secure cookies on http://localhost, so production is always Secure.
    secure: config().NODE_ENV === 'production',
    path: '/',
    maxAge: Math.floor(ttlMs / 1000),
  });
}

export async function endSession() {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) deleteSession(getDb(), token);
  jar.delete(SESSION_COOKIE);
}
