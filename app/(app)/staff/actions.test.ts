import { beforeAll, describe, expect, it } from 'vitest';
import { actionRegistry, executeAction } from '@/lib/runtime/action';
import { getSqlite, snapshotDb, staffByRole, withDemoStaff } from '@/lib/testing/db';
import './actions';

const create = () => actionRegistry.get('staff.create')!;
const update = () => actionRegistry.get('staff.update')!;
const valid = { email: 'new.person@rekindle.local', name: 'New Person', role: 'approver', password: 'a-long-enough-password' };

beforeAll(withDemoStaff);

describe('staff.create', () => {
  it('adds a staff member with a hashed password and an audit entry', async () => {
    const admin = staffByRole('admin');
    const { state } = await executeAction(create(), admin, valid);
    expect(state).toMatchObject({ ok: true, message: 'Added new.person@rekindle.local.' });
    const row = getSqlite().prepare('SELECT role, password_hash FROM staff WHERE email = ?').get(valid.email) as {
      role: string;
      password_hash: string;
    };
    expect(row.role).toBe('approver');
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(valid.password);
    const entry = getSqlite().prepare("SELECT actor_label, after FROM audit_log WHERE action = 'staff.create'").get() as {
      actor_label: string;
      after: string;
    };
    expect(entry.actor_label).toBe('admin@rekindle.local');
    expect(entry.after).not.toContain(valid.password);
  });

  it('refuses a duplicate email, an unknown role and a non-admin caller, changing nothing', async () => {
    const admin = staffByRole('admin');
    const before = snapshotDb();
    const dup = await executeAction(create(), admin, { ...valid, email: 'CX@rekindle.local' });
    expect(dup.state.ok).toBe(false);
    expect(dup.state.fieldErrors?.email).toEqual(['This email is already in use.']);
    const badRole = await executeAction(create(), admin, { ...valid, email: 'x@rekindle.local', role: 'superuser' });
    expect(badRole.state.fieldErrors?.role).toEqual(['Choose one of the listed roles.']);
    const byExec = await executeAction(create(), staffByRole('executive'), { ...valid, email: 'y@rekindle.local' });
    expect(byExec.state).toEqual({ ok: false, message: 'Your role does not allow this action. Nothing was changed.' });
    const anonymous = await executeAction(create(), null, { ...valid, email: 'z@rekindle.local' });
    expect(anonymous.state.ok).toBe(false);
    expect(snapshotDb()).toBe(before);
  });
});

describe('staff.update', () => {
  it('disabling an account revokes its sessions at once', async () => {
    const admin = staffByRole('admin');
    const cx = staffByRole('cx_manager');
    getSqlite()
      .prepare('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run('a-token-hash', cx.id, Date.now(), Date.now() + 3_600_000);
    const { state } = await executeAction(update(), admin, { id: cx.id, disabled: 'true' });
    expect(state).toMatchObject({ ok: true, message: 'cx@rekindle.local is disabled.' });
    expect(getSqlite().prepare('SELECT COUNT(*) n FROM sessions WHERE staff_id = ?').get(cx.id)).toEqual({ n: 0 });
    await executeAction(update(), admin, { id: cx.id, disabled: 'false' });
  });

  it('an admin cannot disable or demote themselves', async () => {
    const admin = staffByRole('admin');
    const before = snapshotDb();
    const r1 = await executeAction(update(), admin, { id: admin.id, disabled: 'true' });
    const r2 = await executeAction(update(), admin, { id: admin.id, role: 'executive' });
    expect(r1.state.message).toBe('You cannot disable your own account or remove your own admin role.');
    expect(r2.state.ok).toBe(false);
    expect(snapshotDb()).toBe(before);
  });

  it('changes a role and records before and after', async () => {
    const admin = staffByRole('admin');
    const target = staffByRole('approver', 'approver2@rekindle.local');
    const { state } = await executeAction(update(), admin, { id: target.id, role: 'cx_manager' });
    expect(state.message).toBe('approver2@rekindle.local is now cx manager.');
    const entry = getSqlite()
      .prepare("SELECT before, after FROM audit_log WHERE action = 'staff.change_role' ORDER BY id DESC")
      .get() as { before: string; after: string };
    expect(JSON.parse(entry.before)).toEqual({ role: 'approver', disabled: false });
    expect(JSON.parse(entry.after)).toEqual({ role: 'cx_manager', disabled: false });
  });
});
