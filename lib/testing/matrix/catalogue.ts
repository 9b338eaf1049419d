import type { ActionMatrixEntry, RouteMatrixEntry } from './types';

let n = 0;

export const actions: ActionMatrixEntry[] = [];

export const routes: RouteMatrixEntry[] = [
  {
    file: 'app/api/titles/route.ts',
    method: 'POST',
    auth: 'api-key',
    validRequest: () => {
      n++;
      return {
        body: JSON.stringify({
          titles: [{ name: `Matrix Show ${n}: Season 1`, kind: 'series', series: `Matrix Show ${n}`, season: 1 }],
        }),
      };
    },
  },
  {
    file: 'app/api/import/titles/route.ts',
    method: 'POST',
    auth: ['admin', 'cx_manager'],
    validRequest: () => ({
      headers: { 'content-type': 'text/csv' },
      body: `name,kind,release_year,series,season\nMatrix CSV Show ${++n}: Season 1,series,,Matrix CSV Show ${n},1\n`,
    }),
  },
];
