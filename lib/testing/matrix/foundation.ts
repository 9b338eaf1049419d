import type { ActionMatrixEntry, RouteMatrixEntry } from './types';

let n = 0;

export const actions: ActionMatrixEntry[] = [
  {
    action: 'auth.signIn',
    allowed: 'public',
    validInput: () => ({ email: 'admin@rekindle.local', password: 'test-password' }),
  },
  {
    action: 'staff.create',
    allowed: ['admin'],
    validInput: () => ({
      email: `matrix-${++n}@rekindle.local`,
      name: 'Matrix Person',
      role: 'executive',
      password: 'matrix-password-123',
    }),
  },
  {
    // Changes the role of a demo executive to executive again: allowed, harmless, repeatable.
    action: 'staff.update',
    allowed: ['admin'],
    validInput: async () => {
      const { staffByRole } = await import('@/lib/testing/db');
      return { id: staffByRole('executive').id, role: 'executive' };
    },
  },
];

export const routes: RouteMatrixEntry[] = [];
