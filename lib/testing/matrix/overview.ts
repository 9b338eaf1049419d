import type { ActionMatrixEntry, RouteMatrixEntry } from './types';

// The overview has no server actions (the simulator and filters are GET forms; nothing is saved).
export const actions: ActionMatrixEntry[] = [];

export const routes: RouteMatrixEntry[] = [
  // Chart CSV downloads: every role may view the overview (overview.view).
  {
    file: 'app/(app)/overview/csv/[chart]/route.ts',
    method: 'GET',
    auth: ['admin', 'cx_manager', 'approver', 'executive'],
    validRequest: () => ({ params: { chart: 'dormant' } }),
  },
];
