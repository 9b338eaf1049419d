import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { type Actor, PUBLIC_ACTOR } from '@/db/audit';
import { getSqlite } from '@/db/client';
import { runUnitOfWork, type UnitOfWork } from '@/db/unit-of-work';
import { currentStaff, type SessionStaff } from '@/lib/auth/session';
import { redactEmails } from '@/lib/domain/audit-payload';
import { Refusal } from '@/lib/domain/refusal';
import { can, type Permission } from '@/lib/domain/roles';
import { now } from './clock';
import { writesFree } from './write-gate';

export type ActionState<T = undefined> = {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string[] | undefined>;
  data?: T;
  /** On refusal: what was submitted (never secrets), so the form can show it again — React 19 resets forms after an action. */
  values?: Record<string, string>;
};
export const initialActionState: ActionState = { ok: false, message: '' };

export type ActionResult<T> = { message: string; data?: T; revalidate?: string[]; redirectTo?: string };

/** What a use case run by an action receives: the unit of work and the signed-in caller. */
export type ActionContext = UnitOfWork & { staff: SessionStaff | null };

export type ActionDef<S extends z.ZodType, T, P = undefined> = {
  name: string;
  /** 'public' only for sign-in and the member's keep page; everything else names a permission. */
  permission: Permission | 'public';
  schema: S;
  /** Work that must wait before the transaction opens (reading an upload, hashing a password); may refuse. */
  prepare?: (input: z.output<S>, ctx: { staff: SessionStaff | null }) => Promise<P> | P;
  /**
   * The use case, inside one BEGIN IMMEDIATE unit of work that also holds its audit entries.
   * Synchronous on purpose: a transaction never waits on I/O.
   */
  execute?: (input: z.output<S>, ctx: ActionContext, prepared: P) => ActionResult<T>;
  /** Who the audit log names when it is not the signed-in caller: the member answering on the keep page. */
  actor?: Actor;
  /** 'read' for an action that only reads (a live count): a snapshot without the write lock. */
  mode?: 'write' | 'read';
  /**
   * Runs when `execute` threw, after its unit of work rolled back, in a unit of work of its own:
   * for a record that must outlive the rollback (a batch execution's failed job). The error is
   * still returned to the caller as usual.
   */
  afterRollback?: (input: z.output<S>, ctx: ActionContext, prepared: P, err: unknown) => void;
  /**
   * Instead of `execute`, for the two actions that cannot be one transaction: sign-in (a failed
   * attempt is committed before the refusal, and the session cookie is set after) and the chunked
   * dormancy scan (decision 010). Each runs its own units of work through runUnitOfWork.
   */
  run?: (input: z.output<S>, ctx: { staff: SessionStaff | null }) => Promise<ActionResult<T>> | ActionResult<T>;
};

/** Who the audit log names for a caller: the staff member, or the public (sign-in, keep page). */
export function actorFor(staff: SessionStaff | null): Actor {
  return staff ? { id: staff.id, label: staff.email } : PUBLIC_ACTOR;
}

/** Every action defined, by name: the role-matrix test enumerates this. */
export const actionRegistry = new Map<string, ActionDef<z.ZodType, unknown, unknown>>();
/** The functions defineAction returned, so a test can prove no exported action bypasses the wrapper. */
export const wrappedActions = new WeakSet<(...args: never[]) => unknown>();

/** FormData to a plain object; repeated keys (or keys ending in []) become arrays. */
export function formToObject(input: unknown): unknown {
  if (!(input instanceof FormData)) return input ?? {};
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of input.entries()) {
    if (rawKey.startsWith('$ACTION')) continue;
    const isArray = rawKey.endsWith('[]');
    const key = isArray ? rawKey.slice(0, -2) : rawKey;
    const v = value;
    if (key in out) {
      const prev = out[key];
      out[key] = Array.isArray(prev) ? [...prev, v] : [prev, v];
    } else out[key] = isArray ? [v] : v;
  }
  return out;
}

/** The submitted text fields, minus anything secret, to refill a refused form. */
function echoValues(input: unknown): Record<string, string> | undefined {
  if (!(input instanceof FormData)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of input.entries())
    if (typeof v === 'string' && !k.startsWith('$ACTION') && !/password|token|secret/i.test(k)) out[k] = v;
  return out;
}

/**
 * The core of every server action, callable with an explicit caller (tests use this below the UI):
 * role check, zod validation, the handler, and a fixed human message on any unexpected failure.
 */
export async function executeAction<S extends z.ZodType, T, P>(
  def: ActionDef<S, T, P>,
  staff: SessionStaff | null,
  rawInput: unknown,
): Promise<{ state: ActionState<T>; result?: ActionResult<T> }> {
  if (def.permission !== 'public') {
    if (!staff) return { state: { ok: false, message: 'Your session has ended. Sign in again.' } };
    if (!can(staff.role, def.permission))
      return { state: { ok: false, message: 'Your role does not allow this action. Nothing was changed.' } };
  }
  const parsed = def.schema.safeParse(formToObject(rawInput));
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    const formErrors = flat.formErrors.join(' ');
    return {
      state: {
        ok: false,
        message: formErrors || 'Some fields need attention: see the messages beside them. Nothing was changed.',
        fieldErrors: flat.fieldErrors as Record<string, string[]>,
      },
    };
  }
  try {
    const input = parsed.data;
    let result: ActionResult<T>;
    if (def.execute) {
      const execute = def.execute;
      const prepared = (def.prepare ? await def.prepare(input, { staff }) : undefined) as P;
      if (def.mode !== 'read') await writesFree(); // a big import's write may hold the lock: wait without blocking
      try {
        result = runUnitOfWork(
          getSqlite(),
          def.actor ?? actorFor(staff),
          now(),
          (uow) => execute(input, { ...uow, staff }, prepared),
          def.mode,
        );
      } catch (err) {
        const after = def.afterRollback;
        if (after)
          runUnitOfWork(getSqlite(), def.actor ?? actorFor(staff), now(), (uow) =>
            after(input, { ...uow, staff }, prepared, err),
          );
        throw err;
      }
    } else if (def.run) result = await def.run(input, { staff });
    else throw new Error(`action ${def.name} has nothing to run`);
    return { state: { ok: true, message: result.message, data: result.data }, result };
  } catch (err) {
    if (err instanceof Refusal) return { state: { ok: false, message: err.message, fieldErrors: err.fieldErrors } };
    // Log the kind of failure, never the input (it may hold personal data); an error message can
    // quote input (e.g. "no member with email x@y"), so email addresses in it are masked.
    console.error(`[action ${def.name}] failed:`, err instanceof Error ? `${err.name}: ${redactEmails(err.message)}` : 'unknown');
    return { state: { ok: false, message: 'Something went wrong, and nothing was changed. Try again, or tell an admin.' } };
  }
}

/**
 * Defines a server action usable with useActionState (prevState, formData) or called directly
 * with an object. Export the result from an `actions.ts` file marked 'use server'.
 */
export function defineAction<S extends z.ZodType, T = undefined, P = undefined>(def: ActionDef<S, T, P>) {
  actionRegistry.set(def.name, def as unknown as ActionDef<z.ZodType, unknown, unknown>);
  const action = async (_prev: ActionState<T> | undefined, input: unknown): Promise<ActionState<T>> => {
    const staff = def.permission === 'public' ? await currentStaff().catch(() => null) : await currentStaff();
    const { state, result } = await executeAction(def, staff, input);
    if (!state.ok) state.values = echoValues(input);
    // revalidate/redirect stay outside the try: redirect works by throwing.
    for (const p of result?.revalidate ?? []) revalidatePath(p);
    if (result?.redirectTo) redirect(result.redirectTo);
    return state;
  };
  wrappedActions.add(action);
  return action;
}
