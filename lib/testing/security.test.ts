import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { audit, SYSTEM_ACTOR } from '@/db/audit';
import { currentStaff, endSession, SESSION_COOKIE } from '@/lib/auth/session';
import { MAX_FAILURES } from '@/lib/domain/throttle';
import { type ActionDef, actionRegistry, executeAction } from '@/lib/runtime/action';
import { resetConfigCache } from '@/lib/runtime/config';
import { getDb, getSqlite, snapshotDb, staffByRole, withDemoStaff } from './db';
import { cookieJar, cookieOptions, signInAs } from './next-headers-mock';
import '@/app/login/actions';
import '@/app/(app)/staff/actions';

// Sessions, sign-in throttling, personal data in logs and the append-only audit log (which never
// holds a member's personal data, so erasure leaves it as written: decision 018), tested
// through the same code paths production uses (the real session table, the real action wrapper).

vi.mock('next/headers', async () => (await import('./next-headers-mock')).nextHeadersMock);

const signIn = () => actionRegistry.get('auth.signIn') as ActionDef<never, unknown>;
const updateStaff = () => actionRegistry.get('staff.update') as ActionDef<never, unknown>;

beforeAll(withDemoStaff);
afterEach(() => {
  cookieJar.clear();
  cookieOptions.clear();
  vi.unstubAllEnvs();
  resetConfigCache();
});

describe('sessions', () => {
  it('a live session row is accepted; an expired one is not', async () => {
    const cx = staffByRole('cx_manager');
    await signInAs(cx.id, { at: Date.now(), ttlMs: 60_000 });
    expect((await currentStaff())?.id).toBe(cx.id);
    await signInAs(cx.id, { at: Date.now() - 2 * 3_600_000, ttlMs: 3_600_000 });
    expect(await currentStaff()).toBeNull();
  });

  it('a made-up token is not accepted', async () => {
    cookieJar.set(SESSION_COOKIE, 'forged-token-that-was-never-issued');
    expect(await currentStaff()).toBeNull();
  });

  it('signing in sets an httpOnly, SameSite=Lax cookie, Secure in production', async () => {
    const { state } = await executeAction(signIn(), null, { email: 'cx@rekindle.local', password: 'test-password' });
    expect(state.ok).toBe(true);
    expect(cookieOptions.get(SESSION_COOKIE)).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: false });
    vi.stubEnv('NODE_ENV', 'production');
    resetConfigCache();
    await executeAction(signIn(), null, { email: 'cx@rekindle.local', password: 'test-password' });
    expect(cookieOptions.get(SESSION_COOKIE)).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true });
  });

  it('signing out deletes the session row, so the old token no longer works', async () => {
    const token = await signInAs(staffByRole('approver').id);
    expect(await currentStaff()).not.toBeNull();
    await endSession();
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false);
    cookieJar.set(SESSION_COOKIE, token); // a copy of the cookie kept by an attacker
    expect(await currentStaff()).toBeNull();
  });

  it('disabling an account revokes its live sessions and refuses its next sign-in', async () => {
    const admin = staffByRole('admin');
    const exec = staffByRole('executive');
    const token = await signInAs(exec.id);
    expect((await currentStaff())?.id).toBe(exec.id);
    const { state } = await executeAction(updateStaff(), admin, { id: exec.id, disabled: 'true' });
    expect(state.ok).toBe(true);
    cookieJar.set(SESSION_COOKIE, token);
    expect(await currentStaff()).toBeNull();
    const again = await executeAction(signIn(), null, { email: exec.email, password: 'test-password' });
    expect(again.state).toMatchObject({ ok: false, message: 'This account is disabled. Ask an admin.' });
    await executeAction(updateStaff(), admin, { id: exec.id, disabled: 'false' });
  });
});

describe('sign-in throttling', () => {
  it(`after ${MAX_FAILURES + 1} wrong passwords even the right one is refused with a locked message`, async () => {
    const email = 'approver2@rekindle.local';
    for (let i = 0; i < MAX_FAILURES + 1; i++) {
      const { state } = await executeAction(signIn(), null, { email, password: `wrong-${i}` });
      expect(state.ok).toBe(false);
    }
    cookieJar.clear();
    const { state } = await executeAction(signIn(), null, { email, password: 'test-password' });
    expect(state.ok).toBe(false);
    expect(state.message).toMatch(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/);
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false);
    expect(
      getSqlite().prepare('SELECT COUNT(*) n FROM sessions s JOIN staff t ON t.id = s.staff_id WHERE t.email = ?').get(email),
    ).toEqual({
      n: 0,
    });
  });

  it('the lock is per email: another account still signs in', async () => {
    const { state } = await executeAction(signIn(), null, { email: 'admin@rekindle.local', password: 'test-password' });
    expect(state.ok).toBe(true);
  });
});

describe('no personal data in logs', () => {
  const email = 'jane.private@example.com';
  function captureConsole() {
    const lines: string[] = [];
    const spies = (['error', 'warn', 'log', 'info', 'debug'] as const).map((k) =>
      vi.spyOn(console, k).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
      }),
    );
    return {
      lines,
      restore: () => {
        for (const s of spies) s.mockRestore();
      },
    };
  }

  it('an unexpected failure whose message holds an email is logged without it', async () => {
    const cap = captureConsole();
    // Not registered with defineAction, so the role matrix never sees it.
    const def = {
      name: 'test.leaky',
      permission: 'public',
      schema: z.object({ email: z.string() }),
      run: (input: { email: string }) => {
        throw new Error(`no member with email ${input.email} (id 42)`);
      },
    } as unknown as ActionDef<never, unknown>;
    const { state } = await executeAction(def, null, { email });
    cap.restore();
    expect(state).toEqual({ ok: false, message: 'Something went wrong, and nothing was changed. Try again, or tell an admin.' });
    expect(cap.lines.length).toBeGreaterThan(0); // the failure is still logged
    expect(cap.lines.join('\n')).not.toContain(email);
  });

  it('every registered action, given an email in every field, never writes it to the console', async () => {
    const admin = staffByRole('admin');
    const cap = captureConsole();
    for (const def of actionRegistry.values()) {
      const bad = { email, name: email, id: email, password: email, role: email, disabled: email, q: email, note: email };
      await executeAction(def as ActionDef<never, unknown>, admin, bad);
    }
    cap.restore();
    expect(cap.lines.join('\n')).not.toContain(email);
  });
});

describe('the audit log is append-only', () => {
  it('the database refuses UPDATE and DELETE on audit_log, and the rows stay', () => {
    const sqlite = getSqlite();
    sqlite
      .prepare(
        "INSERT INTO audit_log (at, actor_id, actor_label, action, entity_type) VALUES (?, NULL, 'system', 'test.entry', 'test')",
      )
      .run(Date.now());
    const before = snapshotDb();
    expect(() => sqlite.prepare("UPDATE audit_log SET actor_label = 'someone else'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => sqlite.prepare("UPDATE audit_log SET action = 'x' WHERE action = 'test.entry'").run()).toThrow(/append-only/);
    expect(snapshotDb()).toBe(before);
  });

  it('an audit entry naming a member by their personal data is refused, so erasure never has to edit the log', () => {
    const sqlite = getSqlite();
    const before = snapshotDb();
    const payloads = [
      { after: { memberId: 7, email: 'jane.private@example.com' } },
      { before: { recipients: [{ id: 7, displayName: 'Jane Private' }] } },
      { after: { message: { toAddress: 'jane.private@example.com' } } },
    ];
    for (const p of payloads)
      expect(() => audit(getDb(), SYSTEM_ACTOR, { action: 'test.leak', entityType: 'member', entityId: 7, ...p })).toThrow(
        /holds personal data .*name the member by id/,
      );
    expect(snapshotDb()).toBe(before);
    // Staff entries keep the staff member's own email (staff are not erased as members are).
    audit(getDb(), SYSTEM_ACTOR, { action: 'test.staff', entityType: 'staff', after: { email: 'cx@rekindle.local' } });
    expect(sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'test.staff'").pluck().get()).toBe(1);
  });

  it('no code in the app updates or deletes audit_log', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!['node_modules', 'migrations', 'test'].includes(e.name) && !e.name.startsWith('.')) walk(p);
        } else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
          const src = fs.readFileSync(p, 'utf8');
          if (
            /\b(update|delete)\s*\(\s*auditLog\b/.test(src) ||
            /\b(UPDATE\s+["`]?audit_log|DELETE\s+FROM\s+["`]?audit_log)/i.test(src)
          )
            offenders.push(p);
        }
      }
    };
    for (const d of ['app', 'db', 'lib', 'components', 'scripts']) if (fs.existsSync(d)) walk(d);
    expect(offenders).toEqual([]);
  });
});
