import type { ActionState } from '@/lib/runtime/action';

// Client components cannot import lib/runtime/action.ts (server-only); this is its initial state.
export const initialState: ActionState<never> = { ok: false, message: '' };
