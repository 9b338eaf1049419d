import 'server-only';
import type Database from 'better-sqlite3';
import { endSessionsOf, findStaffForOidc, insertStaff, linkOidcSubject, updateStaff } from '@/db/staff';
import { runUnitOfWork } from '@/db/unit-of-work';
import { type RoleMap, roleForGroups } from '@/lib/domain/auth/directory-roles';
import type { Role } from '@/lib/domain/values';
import { NO_PASSWORD } from './password';

/** Who the identity provider says signed in: its verified ID token (and userinfo) claims, read. */
export type DirectoryIdentity = {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  groups: readonly string[];
};

/** Why a person who proved who they are at the identity provider still may not come in. */
export type DirectoryRefusal = 'no_role' | 'disabled' | 'no_email' | 'email_taken';

export type DirectorySignIn = { ok: true; staffId: number; role: Role } | { ok: false; reason: DirectoryRefusal };

/** issuer + sub: a `sub` is only unique within its issuer. */
export const subjectKey = (id: Pick<DirectoryIdentity, 'issuer' | 'subject'>) => `${id.issuer} ${id.subject}`;

/**
 * Applies the directory to Rekindle's staff in one unit of work, audited: the first sign-in creates
 * the staff member with the mapped role (or links the existing one with that email), every sign-in
 * re-applies the mapping, and a person left with no mapped group is refused and signed out
 * everywhere. Refusals return rather than throw: what they record (ended sessions, the audit
 * entry) must commit. The caller starts the session only on `ok`.
 */
export function signInFromDirectory(
  sqlite: Database.Database,
  who: DirectoryIdentity,
  map: RoleMap,
  at: number,
): DirectorySignIn {
  const key = subjectKey(who);
  const email = who.email?.trim().toLowerCase() || undefined;
  const role = roleForGroups(who.groups, map);
  return runUnitOfWork(sqlite, { id: null, label: email ?? key }, at, ({ tx, audit }) => {
    const person = findStaffForOidc(tx.db, key, email);
    const refuse = (reason: DirectoryRefusal, detail: Record<string, unknown> = {}): DirectorySignIn => {
      audit({ action: 'auth.sign_in_refused', entityType: 'staff', entityId: person?.id ?? null, after: { reason, ...detail } });
      return { ok: false, reason };
    };
    if (person && person.oidcSubject !== key) {
      // Found by email: link it only when the provider vouches for the address and it is unclaimed.
      if (person.oidcSubject || who.emailVerified === false) return refuse('email_taken');
    }
    if (!role) {
      // The directory took every Rekindle role away: open sessions end now, not when they expire.
      const sessionsEnded = person ? endSessionsOf(tx.db, person.id) : 0;
      return refuse('no_role', { groups: who.groups, sessionsEnded });
    }
    if (!person) {
      if (!email) return refuse('no_email');
      const created = insertStaff(tx.db, {
        email,
        name: who.name?.trim() || email,
        role,
        passwordHash: NO_PASSWORD,
        oidcSubject: key,
        at,
      });
      audit({ action: 'staff.create', entityType: 'staff', entityId: created.id, after: { email, role, source: 'directory' } });
      audit({ action: 'auth.sign_in', entityType: 'staff', entityId: created.id, after: { method: 'oidc' } });
      return { ok: true, staffId: created.id, role };
    }
    if (person.disabled) return refuse('disabled');
    if (person.oidcSubject !== key) {
      linkOidcSubject(tx.db, person.id, key, at);
      audit({ action: 'staff.link_directory', entityType: 'staff', entityId: person.id, after: { subject: key } });
    }
    if (person.role !== role) {
      updateStaff(tx.db, person.id, { role, at }); // ends the sessions opened under the old role
      audit({
        action: 'staff.change_role',
        entityType: 'staff',
        entityId: person.id,
        before: { role: person.role },
        after: { role, source: 'directory' },
      });
    }
    audit({ action: 'auth.sign_in', entityType: 'staff', entityId: person.id, after: { method: 'oidc' } });
    return { ok: true, staffId: person.id, role };
  });
}
