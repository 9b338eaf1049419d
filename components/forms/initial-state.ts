import type { ActionState } from '@/lib/action';

// Client components cannot import lib/action.ts (server-only); this is its initial state.
export const initialState: ActionState<never> = { ok: false, message: '' };
