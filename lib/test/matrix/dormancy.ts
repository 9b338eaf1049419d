import type { ActionMatrixEntry, RouteMatrixEntry } from './types';

export const actions: ActionMatrixEntry[] = [];

export const routes: RouteMatrixEntry[] = [
  { file: 'app/api/events/route.ts', method: 'POST', auth: 'api-key' },
  { file: 'app/api/import/events/route.ts', method: 'POST', auth: ['admin', 'cx_manager'] },
  { file: 'app/api/import/members/route.ts', method: 'POST', auth: ['admin', 'cx_manager'] },
];
