import type { Role } from '@/lib/domain/roles';

/**
 * One row of the role matrix (see lib/testing/role-matrix.test.ts). Each domain keeps its rows in
 * lib/testing/matrix/<domain>.ts, exporting `actions: ActionMatrixEntry[]` and `routes: RouteMatrixEntry[]`.
 * An action or route handler missing from every matrix file fails the test.
 */
export type ActionMatrixEntry = {
  /** The `name` given to defineAction. */
  action: string;
  /** Roles that may call it ('public' = no sign-in needed). Every other role and anonymous are refused. */
  allowed: readonly Role[] | 'public';
  /**
   * A valid input for one successful call, built against the per-file test database (demo staff
   * seeded). Called once per caller, so create fresh rows it needs each time.
   */
  validInput: (ctx: { staffId: number }) => unknown | Promise<unknown>;
};

/** What a route row sends; the test adds the URL, the method and the caller's credentials. */
export type RouteRequest = {
  /** The route's dynamic segments by name, e.g. `{ id: '42' }` for `[id]`. */
  params?: Record<string, string | string[]>;
  /** Search parameters appended to the URL. */
  query?: Record<string, string>;
  /** Request headers; `content-type` defaults to application/json. Never `authorization`. */
  headers?: Record<string, string>;
  body?: string;
};

export type RouteMatrixEntry = {
  /** File under app/, e.g. 'app/api/events/route.ts'. */
  file: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** 'api-key' = INGEST_API_KEY bearer; otherwise the roles allowed with a staff session. */
  auth: 'api-key' | readonly Role[] | 'public';
  /**
   * A request an allowed caller makes successfully (a 2xx answer), built against the per-file
   * test database. Called once per caller, so create fresh rows it needs each time. Refused
   * callers send the same request, so a refusal is proved to come from the caller alone.
   */
  validRequest: (ctx: { staffId: number }) => RouteRequest | Promise<RouteRequest>;
  /** A browser step that always answers a redirect (the sign-in flow): success is a 3xx, not a 2xx. */
  redirects?: true;
};
