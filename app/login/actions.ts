'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { audit } from '@/db/audit';
import { getDb, tx } from '@/db/client';
import { clearThrottle, findStaffByEmail, getThrottle, putThrottle } from '@/db/staff';
import { defineAction, UserError } from '@/lib/action';
import { DUMMY_HASH, verifyPassword } from '@/lib/auth/password';
import { endSession, startSession } from '@/lib/auth/session';
import { afterFailure, isLocked } from '@/lib/auth/throttle';
import { now } from '@/lib/clock';

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Enter your email.').pipe(z.email('Enter a valid email address.')),
  password: z.string().min(1, 'Enter your password.').max(200, 'That password is too long.'),
});

export const signIn = defineAction({
  name: 'auth.signIn',
  permission: 'public',
  schema: signInSchema,
  async run({ email, password }) {
    const db = getDb();
    const key = `email:${email}`;
    const at = now();
    const lockedUntil = isLocked(getThrottle(db, key), at);
    if (lockedUntil) {
      const minutes = Math.ceil((lockedUntil - at) / 60_000);
      throw new UserError(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    }
    const person = findStaffByEmail(db, email);
    // Verify against a dummy hash for unknown emails so timing does not reveal which exist.
    const valid = await verifyPassword(password, person?.passwordHash ?? DUMMY_HASH);
    if (!person || !valid || person.disabled) {
      tx((t) => {
        putThrottle(t, key, afterFailure(getThrottle(t, key), at));
        audit(t, { id: null, label: email }, { action: 'auth.sign_in_failed', entityType: 'staff', at });
      });
      throw new UserError(person?.disabled && valid ? 'This account is disabled. Ask an admin.' : 'Wrong email or password.');
    }
    tx((t) => {
      clearThrottle(t, key);
      audit(t, { id: person.id, label: person.email }, { action: 'auth.sign_in', entityType: 'staff', entityId: person.id, at });
    });
    await startSession(person.id);
    return { message: 'Signed in.', redirectTo: person.role === 'executive' ? '/overview' : '/' };
  },
});

export async function signOut() {
  await endSession();
  redirect('/login');
}
