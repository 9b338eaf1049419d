import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession, staffForSession } from '@/db/staff';
import { parseRoleMap } from '@/lib/domain/auth/directory-roles';
import { getDb, getSqlite, withDemoStaff } from '@/lib/testing/db';
import { type DirectoryIdentity, signInFromDirectory } from './directory-sign-in';
import { verifyPassword } from './password';

const parsed = parseRoleMap('rk-admins=admin,rk-cx=cx_manager,rk-exec=executive');
if (!parsed.ok) throw new Error('map');
const map = parsed.map;
const ISSUER = 'https://id.example.com';
const at = Date.now();
const who = (sub: string, groups: string[], extra: Partial<DirectoryIdentity> = {}): DirectoryIdentity => ({
  issuer: ISSUER,
  subject: sub,
  email: `${sub}@example.com`,
  emailVerified: true,
  name: `Person ${sub}`,
  groups,
  ...extra,
});

type StaffRow = { id: number; email: string; role: string; password_hash: string; oidc_subject: string | null };
const staffRow = (email: string) => getSqlite().prepare('SELECT * FROM staff WHERE email = ?').get(email) as StaffRow | undefined;
const auditOf = (action: string, id: number) =>
  getSqlite()
    .prepare('SELECT before, after FROM audit_log WHERE action = ? AND entity_id = ? ORDER BY id')
    .all(action, String(id)) as {
    before: string | null;
    after: string;
  }[];
function openSession(staffId: number) {
  const token = randomBytes(16).toString('hex');
  createSession(getDb(), token, staffId, at, 3_600_000);
  return token;
}

beforeAll(withDemoStaff);

describe('signing in with the identity provider', () => {
  it('creates the staff member on first sign-in with the mapped role, linked to issuer + sub, without a password', async () => {
    const r = signInFromDirectory(getSqlite(), who('ana', ['everyone', 'rk-cx']), map, at);
    expect(r).toMatchObject({ ok: true, role: 'cx_manager' });
    const row = staffRow('ana@example.com');
    expect(row).toMatchObject({ role: 'cx_manager', oidc_subject: `${ISSUER} ana` });
    expect(await verifyPassword('', row!.password_hash)).toBe(false);
    expect(auditOf('staff.create', row!.id)[0]?.after).toContain('"source":"directory"');
    expect(auditOf('auth.sign_in', row!.id)).toHaveLength(1);
  });

  it('gives the highest mapped role when the person is in several groups', () => {
    expect(signInFromDirectory(getSqlite(), who('ben', ['rk-exec', 'rk-admins']), map, at)).toMatchObject({ role: 'admin' });
  });

  it('re-applies the mapping at each sign-in: a changed group changes the role and ends the old sessions', () => {
    const first = signInFromDirectory(getSqlite(), who('cy', ['rk-admins']), map, at);
    if (!first.ok) throw new Error('first sign-in');
    const old = openSession(first.staffId);
    const again = signInFromDirectory(getSqlite(), who('cy', ['rk-exec']), map, at + 1);
    expect(again).toEqual({ ok: true, staffId: first.staffId, role: 'executive' });
    expect(staffForSession(getDb(), old, at + 2)).toBeUndefined();
    const change = auditOf('staff.change_role', first.staffId);
    expect(change.map((e) => [JSON.parse(e.before!).role, JSON.parse(e.after).role])).toEqual([['admin', 'executive']]);
  });

  it('keeps the same staff member when the email changes at the provider (the link is issuer + sub)', () => {
    const first = signInFromDirectory(getSqlite(), who('dee', ['rk-cx']), map, at);
    const again = signInFromDirectory(getSqlite(), who('dee', ['rk-cx'], { email: 'dee.new@example.com' }), map, at);
    expect(again).toMatchObject({ ok: true, staffId: first.ok ? first.staffId : -1 });
  });

  it('refuses a person with no mapped group, signs them out everywhere, and records it', () => {
    const first = signInFromDirectory(getSqlite(), who('eve', ['rk-cx']), map, at);
    if (!first.ok) throw new Error('first sign-in');
    const open = openSession(first.staffId);
    const refused = signInFromDirectory(getSqlite(), who('eve', ['everyone']), map, at + 1);
    expect(refused).toEqual({ ok: false, reason: 'no_role' });
    expect(staffForSession(getDb(), open, at + 2)).toBeUndefined();
    expect(JSON.parse(auditOf('auth.sign_in_refused', first.staffId)[0]!.after)).toMatchObject({
      reason: 'no_role',
      sessionsEnded: 1,
    });
  });

  it('creates no one for a first-time person with no mapped group', () => {
    const before = getSqlite().prepare('SELECT count(*) AS n FROM staff').get();
    expect(signInFromDirectory(getSqlite(), who('fay', []), map, at)).toEqual({ ok: false, reason: 'no_role' });
    expect(getSqlite().prepare('SELECT count(*) AS n FROM staff').get()).toEqual(before);
  });

  it('links an existing staff member by verified email and applies the directory role to them', () => {
    const r = signInFromDirectory(getSqlite(), who('gus', ['rk-exec'], { email: 'CX@rekindle.local' }), map, at);
    expect(r).toMatchObject({ ok: true, role: 'executive' });
    expect(staffRow('cx@rekindle.local')).toMatchObject({ role: 'executive', oidc_subject: `${ISSUER} gus` });
  });

  it('refuses to link an unverified email, or an email already linked to another account, changing only the audit log', () => {
    const unverified = who('hal', ['rk-admins'], { email: 'approver@rekindle.local', emailVerified: false });
    const claimed = who('ivy', ['rk-admins'], { email: 'CX@rekindle.local' });
    const withoutAudit = () =>
      JSON.stringify(['staff', 'sessions'].map((t) => getSqlite().prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));
    const before = withoutAudit();
    expect(signInFromDirectory(getSqlite(), unverified, map, at)).toEqual({ ok: false, reason: 'email_taken' });
    expect(signInFromDirectory(getSqlite(), claimed, map, at)).toEqual({ ok: false, reason: 'email_taken' });
    expect(withoutAudit()).toBe(before);
  });

  it('refuses a disabled staff member although the directory maps a role', () => {
    const first = signInFromDirectory(getSqlite(), who('jo', ['rk-cx']), map, at);
    if (!first.ok) throw new Error('first sign-in');
    getSqlite().prepare('UPDATE staff SET disabled = 1 WHERE id = ?').run(first.staffId);
    expect(signInFromDirectory(getSqlite(), who('jo', ['rk-cx']), map, at)).toEqual({ ok: false, reason: 'disabled' });
  });

  it('refuses a first-time person whose provider sends no email', () => {
    expect(signInFromDirectory(getSqlite(), who('kit', ['rk-cx'], { email: undefined }), map, at)).toEqual({
      ok: false,
      reason: 'no_email',
    });
  });
});
