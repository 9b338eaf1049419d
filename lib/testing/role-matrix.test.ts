import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionStaff } from '@/lib/auth/session';
import { PERMISSIONS, type Role } from '@/lib/domain/roles';
import { type ActionDef, actionRegistry, executeAction, wrappedActions } from '@/lib/runtime/action';
import { resetConfigCache } from '@/lib/runtime/config';
import { snapshotDb, staffByRole, withDemoStaff } from './db';
import type { ActionMatrixEntry, RouteMatrixEntry, RouteRequest } from './matrix/types';
import { cookieJar, signInAs } from './next-headers-mock';

// The role matrix, proved below the UI: every server action and route handler in app/, called by
// every role and by an anonymous visitor with a valid input. Allowed callers succeed (an action
// answers ok, a route a 2xx; an exception fails the row); everyone else is refused and the
// database stays byte-for-byte unchanged. A handler missing from lib/testing/matrix/*.ts fails.

declare global {
  interface ImportMeta {
    glob<T = Record<string, unknown>>(pattern: string, opts: { eager: true }): Record<string, T>;
  }
}

vi.mock('next/headers', async () => (await import('./next-headers-mock')).nextHeadersMock);
vi.mock('next/cache', async (orig) => ({
  ...(await orig<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
}));

// Importing every actions.ts fills actionRegistry (defineAction registers at module load).
const actionModules = import.meta.glob('/app/**/actions.ts', { eager: true });
const matrixModules = import.meta.glob<{ actions?: ActionMatrixEntry[]; routes?: RouteMatrixEntry[] }>('./matrix/*.ts', {
  eager: true,
});
const actionRows = Object.values(matrixModules).flatMap((m) => m.actions ?? []);
const routeRows = Object.values(matrixModules).flatMap((m) => m.routes ?? []);

const ROLES: readonly Role[] = ['admin', 'cx_manager', 'approver', 'executive'];
const CALLERS = [...ROLES, 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const API_KEY = 'matrix-test-key';

function routeFiles(dir = 'app'): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return /^route\.(ts|tsx|js)$/.test(e.name) ? [p.split(path.sep).join('/')] : [];
  });
}

/** URL and params of a route file: groups dropped, each [segment] filled from the row's params. */
function routeTarget(file: string, given: RouteRequest['params'] = {}) {
  const params: Record<string, string | string[]> = {};
  const segments = path
    .dirname(file)
    .split('/')
    .slice(1)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => {
      const m = /^\[(\.\.\.)?(.+)\]$/.exec(s);
      if (!m) return s;
      const name = m[2] as string;
      const value = given[name];
      if (value === undefined) throw new Error(`${file}: the row's validRequest must give params.${name}`);
      params[name] = value;
      return (Array.isArray(value) ? value : [value]).map(encodeURIComponent).join('/');
    });
  return { url: new URL(`http://localhost/${segments.join('/')}`), params };
}

const staff: Partial<Record<Role, SessionStaff>> = {};
beforeAll(async () => {
  process.env.INGEST_API_KEY = API_KEY;
  resetConfigCache();
  await withDemoStaff();
  for (const r of ROLES) staff[r] = staffByRole(r);
});

const isAllowed = (allowed: readonly Role[] | 'public' | 'api-key', who: Caller) =>
  allowed === 'public' || (allowed !== 'api-key' && who !== 'anonymous' && allowed.includes(who));

describe('role matrix coverage', () => {
  it('found the actions files and the matrix files', () => {
    expect(Object.keys(actionModules).length).toBeGreaterThan(0);
    expect(actionRows.length).toBeGreaterThan(0);
  });

  it('every registered server action has a row, and every row names a registered action', () => {
    const rowNames = new Set(actionRows.map((r) => r.action));
    expect(
      [...actionRegistry.keys()].filter((n) => !rowNames.has(n)),
      'actions missing from lib/testing/matrix/*.ts',
    ).toEqual([]);
    expect(
      [...rowNames].filter((n) => !actionRegistry.has(n)),
      'rows naming no registered action',
    ).toEqual([]);
    const counts = new Map<string, number>();
    for (const r of actionRows) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
    expect(
      [...counts].filter(([, c]) => c > 1).map(([n]) => n),
      'actions with more than one row',
    ).toEqual([]);
  });

  it('every function exported by an actions.ts goes through defineAction (role check, zod, audit)', () => {
    // Sign-out only ends the caller's own session: it needs no role and takes no input.
    const exempt = new Set(['/app/login/actions.ts#signOut']);
    const bare = Object.entries(actionModules).flatMap(([file, mod]) =>
      Object.entries(mod as Record<string, unknown>)
        .filter(
          ([name, fn]) => typeof fn === 'function' && !wrappedActions.has(fn as () => unknown) && !exempt.has(`${file}#${name}`),
        )
        .map(([name]) => `${file}#${name}`),
    );
    expect(bare, 'server actions that bypass defineAction').toEqual([]);
  });

  it("each row's allowed roles are exactly the action's permission in lib/domain/roles.ts", () => {
    for (const row of actionRows) {
      const def = actionRegistry.get(row.action);
      if (!def) continue;
      const expected = def.permission === 'public' ? 'public' : [...PERMISSIONS[def.permission]].sort();
      const actual = row.allowed === 'public' ? 'public' : [...row.allowed].sort();
      expect(actual, `${row.action} (${def.permission})`).toEqual(expected);
    }
  });

  it('every exported handler of every app/**/route.ts has a row', async () => {
    const missing: string[] = [];
    for (const file of routeFiles()) {
      const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
      for (const m of METHODS) {
        if (typeof mod[m] === 'function' && !routeRows.some((r) => r.file === file && r.method === m))
          missing.push(`${m} ${file}`);
      }
    }
    expect(missing, 'route handlers missing from lib/testing/matrix/*.ts').toEqual([]);
    const onDisk = new Set(routeFiles());
    expect(
      routeRows.filter((r) => !onDisk.has(r.file)).map((r) => r.file),
      'rows naming no route file',
    ).toEqual([]);
  });
});

describe.each(actionRows.map((r) => [r.action, r] as const))('action %s', (_name, row) => {
  it.each(CALLERS.map((c) => [c]))('called by %s', async (who) => {
    const def = actionRegistry.get(row.action) as ActionDef<never, unknown>;
    expect(def, `${row.action} is not registered`).toBeDefined();
    const caller = who === 'anonymous' ? null : (staff[who] as SessionStaff);
    cookieJar.clear();
    const input = await row.validInput({ staffId: caller?.id ?? (staff.admin as SessionStaff).id });
    const before = snapshotDb();
    const { state } = await executeAction(def, caller, input);
    if (isAllowed(row.allowed, who)) {
      expect(state.ok, `${who} should be allowed: ${state.message} ${JSON.stringify(state.fieldErrors ?? {})}`).toBe(true);
    } else {
      expect(state.ok, `${who} must be refused`).toBe(false);
      expect(snapshotDb(), `${who} was refused but the database changed`).toBe(before);
    }
  });
});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

/** Calls a route handler as a plain function, with the URL and params Next would give it. */
async function callRoute(row: RouteMatrixEntry, request: RouteRequest, authorization?: string) {
  const mod = (await import(/* @vite-ignore */ path.resolve(row.file))) as Record<string, Handler>;
  const { url, params } = routeTarget(row.file, request.params);
  for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
  const headers = { 'content-type': 'application/json', ...request.headers, ...(authorization ? { authorization } : {}) };
  const req = new Request(url, { method: row.method, headers, body: request.body });
  return (mod[row.method] as Handler)(req, { params: Promise.resolve(params) });
}

/**
 * An allowed caller must get a 2xx answer. The body is read to its end first: a CSV streams
 * after its status, and a chunk that throws must fail the row too. A thrown handler fails it
 * as well: nothing here catches.
 */
async function expectSuccess(res: Response, who: string, redirects = false) {
  const body = await res.text();
  const low = redirects ? 300 : 200;
  expect(res.status >= low && res.status < low + 100, `${who} should succeed; got ${res.status}: ${body.slice(0, 300)}`).toBe(
    true,
  );
}

describe.each(routeRows.map((r) => [`${r.method} ${r.file}`, r] as const))('route %s', (_name, row) => {
  if (row.auth === 'api-key') {
    it.each([
      ['no key', undefined],
      ['a wrong key', 'Bearer not-the-key'],
      ['the key without Bearer', API_KEY],
    ] as const)('with %s is refused with 401 and nothing changes', async (_label, authorization) => {
      cookieJar.clear();
      await signInAs((staff.admin as SessionStaff).id); // a staff session is not an API key
      const request = await row.validRequest({ staffId: (staff.admin as SessionStaff).id });
      const before = snapshotDb();
      const res = await callRoute(row, request, authorization);
      expect(res.status).toBe(401);
      expect(snapshotDb()).toBe(before);
    });
    it('with the key succeeds', async () => {
      cookieJar.clear();
      const request = await row.validRequest({ staffId: (staff.admin as SessionStaff).id });
      await expectSuccess(await callRoute(row, request, `Bearer ${API_KEY}`), 'the API key');
    });
    return;
  }
  it.each(CALLERS.map((c) => [c]))('called by %s', async (who) => {
    const caller = who === 'anonymous' ? null : (staff[who] as SessionStaff);
    cookieJar.clear();
    if (caller) await signInAs(caller.id);
    const request = await row.validRequest({ staffId: caller?.id ?? (staff.admin as SessionStaff).id });
    const before = snapshotDb();
    const res = await callRoute(row, request);
    if (isAllowed(row.auth, who)) await expectSuccess(res, who, row.redirects);
    else {
      expect(res.status, `${who} must be refused`).toBe(who === 'anonymous' ? 401 : 403);
      expect(snapshotDb(), `${who} was refused but the database changed`).toBe(before);
    }
  });
});
