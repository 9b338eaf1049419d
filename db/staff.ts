import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { ThrottleState } from '@/lib/domain/throttle';
import type { Db } from './client';
import { preparedQuery } from './prepared';
import { loginThrottle, type Role, sessions, staff } from './schema';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** What the staff page and the staff actions show of a person. */
const shown = { id: staff.id, email: staff.email, name: staff.name, role: staff.role, disabled: staff.disabled };

/** A staff member by email, with the password hash: for sign-in and the duplicate-email check. */
export function findStaffByEmail(db: Db, email: string) {
  return db
    .select({ ...shown, passwordHash: staff.passwordHash })
    .from(staff)
    .where(eq(staff.email, email))
    .get();
}

export function listStaff(db: Db) {
  return db.select(shown).from(staff).orderBy(asc(staff.email)).all();
}

export function getStaff(db: Db, id: number) {
  return db.select(shown).from(staff).where(eq(staff.id, id)).get();
}

export function insertStaff(
  db: Db,
  v: { email: string; name: string; role: Role; passwordHash: string; oidcSubject?: string; at: number },
) {
  return db
    .insert(staff)
    .values({
      email: v.email,
      name: v.name,
      role: v.role,
      passwordHash: v.passwordHash,
      oidcSubject: v.oidcSubject ?? null,
      createdAt: v.at,
      updatedAt: v.at,
    })
    .returning({ id: staff.id })
    .get();
}

export function updateStaff(db: Db, id: number, v: { role?: Role; disabled?: boolean; at: number }) {
  db.update(staff)
    .set({ ...(v.role ? { role: v.role } : {}), ...(v.disabled === undefined ? {} : { disabled: v.disabled }), updatedAt: v.at })
    .where(eq(staff.id, id))
    .run();
  // A disabled account or a changed role loses its sessions at once.
  db.delete(sessions).where(eq(sessions.staffId, id)).run();
}

/** The staff member an identity-provider account is linked to, else the one with its email (not yet linked). */
export function findStaffForOidc(db: Db, subject: string, email: string | undefined) {
  const columns = { ...shown, oidcSubject: staff.oidcSubject };
  return (
    db.select(columns).from(staff).where(eq(staff.oidcSubject, subject)).get() ??
    (email ? db.select(columns).from(staff).where(eq(staff.email, email)).get() : undefined)
  );
}

export function linkOidcSubject(db: Db, id: number, subject: string, at: number) {
  db.update(staff).set({ oidcSubject: subject, updatedAt: at }).where(eq(staff.id, id)).run();
}

/** Signs the person out everywhere (their role was taken away in the directory). Returns how many sessions ended. */
export function endSessionsOf(db: Db, staffId: number) {
  return db.delete(sessions).where(eq(sessions.staffId, staffId)).run().changes;
}

export function createSession(db: Db, token: string, staffId: number, at: number, ttlMs: number) {
  db.insert(sessions)
    .values({ tokenHash: hashToken(token), staffId, createdAt: at, expiresAt: at + ttlMs })
    .run();
}

/** The signed-in staff member for a session token, or undefined if expired, revoked or disabled. */
function sessionQuery(db: Db) {
  return db
    .select({ id: staff.id, email: staff.email, name: staff.name, role: staff.role })
    .from(sessions)
    .innerJoin(staff, eq(staff.id, sessions.staffId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('hash')),
        gt(sessions.expiresAt, sql.placeholder('at')),
        eq(staff.disabled, false),
      ),
    )
    .prepare();
}
// Every request checks its session: building the query anew cost ~1.2 ms of CPU per request
// (decision 017's profile), so it is prepared once per connection.
export function staffForSession(db: Db, token: string, at: number) {
  return preparedQuery(db, sessionQuery).get({ hash: hashToken(token), at });
}

export function deleteSession(db: Db, token: string) {
  db.delete(sessions)
    .where(eq(sessions.tokenHash, hashToken(token)))
    .run();
}

export function getThrottle(db: Db, key: string): ThrottleState | undefined {
  return db
    .select({ failures: loginThrottle.failures, windowStart: loginThrottle.windowStart, lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(eq(loginThrottle.key, key))
    .get();
}

export function putThrottle(db: Db, key: string, s: ThrottleState) {
  db.insert(loginThrottle)
    .values({ key, ...s })
    .onConflictDoUpdate({ target: loginThrottle.key, set: s })
    .run();
}

export function clearThrottle(db: Db, key: string) {
  db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}
