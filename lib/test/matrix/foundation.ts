import type { ActionMatrixEntry, RouteMatrixEntry } from './types';

export const actions: ActionMatrixEntry[] = [
  {
    action: 'auth.signIn',
    allowed: 'public',
    validInput: () => ({ email: 'admin@rekindle.local', password: 'test-password' }),
  },
];

export const routes: RouteMatrixEntry[] = [];
