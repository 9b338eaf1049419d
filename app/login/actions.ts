'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb, getSqlite } from '@/db/client';
import { clearThrottle, findStaffByEmail, getThrottle, putThrottle } from '@/db/staff';
import { runUnitOfWork } from '@/db/unit-of-work';
import { DUMMY_HASH, verifyPassword } from '@/lib/auth/password';
import { endSession, startSession } from '@/lib/auth/session';
import { Refusal } from '@/lib/domain/refusal';
import { afterFailure, isLocked } from '@/lib/domain/throttle';
import { defineAction } from '@/lib/runtime/action';
import { now } from '@/lib/runtime/clock';

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
      throw new Refusal(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    }
    const person = findStaffByEmail(db, email);
    // Verify against a dummy hash for unknown emails so timing does not reveal which exist.
    const valid = await verifyPassword(password, person?.passwordHash ?? DUMMY_HASH);
    if (!person || !valid || person.disabled) {
      // Its own unit of work, committed before the refusal: the failure must count even though the caller is refused.
      runUnitOfWork(getSqlite(), { id: null, label: email }, at, ({ tx, audit }) => {
        putThrottle(tx.db, key, afterFailure(getThrottle(tx.db, key), at));
        audit({ action: 'auth.sign_in_failed', entityType: 'staff' });
      });
      throw new Refusal(person?.disabled && valid ? 'This account is disabled. Ask an admin.' : 'Wrong email or password.');
    }
    runUnitOfWork(getSqlite(), { id: person.id, label: person.email }, at, ({ tx, audit }) => {
      clearThrottle(tx.db, key);
      audit({ action: 'auth.sign_in', entityType: 'staff', entityId: person.id });
    });
    await startSession(person.id);
    return { message: 'Signed in.', redirectTo: person.role === 'executive' ? '/overview' : '/' };
  },
});

export async function signOut() {
  await endSession();
  redirect('/login');
}
