// Pure throttling rule for failed sign-ins: after MAX_FAILURES within WINDOW_MS, lock for LOCK_MS.
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export type ThrottleState = { failures: number; windowStart: number; lockedUntil: number | null };

export function isLocked(state: ThrottleState | undefined, at: number): number | null {
  if (!state?.lockedUntil || state.lockedUntil <= at) return null;
  return state.lockedUntil;
}

export function afterFailure(state: ThrottleState | undefined, at: number): ThrottleState {
  const fresh = !state || at - state.windowStart > WINDOW_MS;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStart = fresh ? at : state.windowStart;
  return { failures, windowStart, lockedUntil: failures >= MAX_FAILURES ? at + LOCK_MS : null };
}
