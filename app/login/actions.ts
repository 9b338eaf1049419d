'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb, getSqlite } from '@/db/client';
import { clearThrottle, findStaffByEmail, getThrottle, putThrottle } from '@/db/staff';
import { runUnitOfWork } from '@/db/unit-of-work';
import { DUMMY_HASH, NO_PASSWORD, verifyPassword } from '@/lib/auth/password';
import { endSession, startSession } from '@/lib/auth/session';
import { Refusal } from '@/lib/domain/refusal';
import { afterFailure, isLocked } from '@/lib/domain/throttle';
import { defineAction } from '@/lib/runtime/action';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Enter your email.').pipe(z.email('Enter a valid email address.')),
  password: z.string().min(1, 'Enter your password.').max(200, 'That password is too long.'),
});

/**
 * Sign-in runs its own units of work rather than `execute` (one unit of work, rolled back by a
 * refusal): a failed attempt must be counted although the caller is refused, so the failure
 * commits first and the refusal is thrown after it. The password check (scrypt) and the session
 * cookie are asynchronous, so both stay outside any transaction.
 */
export const signIn = defineAction({
  name: 'auth.signIn',
  permission: 'public',
  schema: signInSchema,
  async run({ email, password }) {
    const mode = config().PASSWORD_SIGNIN;
    if (mode === 'off') throw new Refusal(`Password sign-in is turned off. Sign in with ${config().OIDC_PROVIDER_NAME}.`);
    const at = now();
    const key = `email:${email}`;
    refuseWhileLocked(key, at);
    const person = findStaffByEmail(getDb(), email);
    // Verify against a dummy hash for unknown emails so timing does not reveal which exist.
    const stored = person && person.passwordHash !== NO_PASSWORD ? person.passwordHash : DUMMY_HASH;
    const valid = (await verifyPassword(password, stored)) && stored !== DUMMY_HASH;
    if (!person || !valid || person.disabled) {
      countFailure(key, email, at);
      throw new Refusal(person?.disabled && valid ? 'This account is disabled. Ask an admin.' : 'Wrong email or password.');
    }
    // Break-glass: with the identity provider in charge, only admins keep a way in by password.
    if (mode === 'admins' && person.role !== 'admin')
      throw new Refusal(`Password sign-in is for admins only. Sign in with ${config().OIDC_PROVIDER_NAME}.`);
    // The person signing in is the actor of their own sign-in.
    runUnitOfWork(getSqlite(), { id: person.id, label: person.email }, at, ({ tx, audit }) => {
      clearThrottle(tx.db, key);
      audit({ action: 'auth.sign_in', entityType: 'staff', entityId: person.id });
    });
    await startSession(person.id);
    return { message: 'Signed in.', redirectTo: person.role === 'executive' ? '/overview' : '/' };
  },
});

/** Refuses, before any password check, while the email is locked after too many failures. */
function refuseWhileLocked(key: string, at: number) {
  const lockedUntil = isLocked(getThrottle(getDb(), key), at);
  if (!lockedUntil) return;
  const minutes = Math.ceil((lockedUntil - at) / 60_000);
  throw new Refusal(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
}

/** Counts a failed attempt and records it, in a unit of work that commits before the caller is refused. */
function countFailure(key: string, email: string, at: number) {
  runUnitOfWork(getSqlite(), { id: null, label: email }, at, ({ tx, audit }) => {
    putThrottle(tx.db, key, afterFailure(getThrottle(tx.db, key), at));
    audit({ action: 'auth.sign_in_failed', entityType: 'staff' });
  });
}

export async function signOut() {
  await endSession();
  redirect('/login');
}
