import { getSqlite } from '@/lib/testing/db';
import type { ActionMatrixEntry, RouteMatrixEntry } from './types';

export const actions: ActionMatrixEntry[] = [
  {
    action: 'operations.run_now',
    allowed: ['admin'],
    validInput: () => {
      // A second "Run now" of a queued job is refused: finish any earlier request first.
      getSqlite()
        .prepare("UPDATE cycle_runs SET status = 'done' WHERE trigger = 'manual' AND status IN ('queued', 'running')")
        .run();
      return { job: 'retention-purge' };
    },
  },
];

export const routes: RouteMatrixEntry[] = [];
