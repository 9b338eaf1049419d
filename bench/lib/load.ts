import autocannon from 'autocannon';
import { percentile } from './measure';
import { fmtMs } from './table';

// 20 signed-in users loading a page in a closed loop, each on its own connection and session: the
// load beside which background work (an import, the roll-up, the daily cycle, scoring, a batch's
// execution) must leave the server answering.

export const CONNECTIONS = 20;
export const LOAD_PAGE = '/members';
export const TARGET_P99_MS = 300;

export type Load = { stop: () => void; done: Promise<unknown>; times: { at: number; ms: number }[]; bad: () => number };

/** CONNECTIONS connections, each its own signed-in session, loading `page` until stopped (or `durationS`). */
export function startLoad(base: string, cookies: string[], durationS: number, page = LOAD_PAGE): Load {
  const times: { at: number; ms: number }[] = [];
  let next = 0;
  const inst = autocannon({
    url: base + page,
    connections: CONNECTIONS,
    duration: durationS,
    timeout: 60,
    setupClient: (client) => client.setHeaders({ cookie: cookies[next++ % cookies.length] as string }),
  });
  let bad = 0;
  inst.on('response', (_c, status, _b, ms) => {
    times.push({ at: performance.now(), ms });
    if (status !== 200) bad++;
  });
  return { stop: () => inst.stop(), done: inst, times, bad: () => bad };
}

export type Spread = { p50: number; p95: number; p99: number; n: number };

export function spread(ms: number[]): Spread {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), n: sorted.length };
}

/** The requests sent at or after `from` and answered by `to` (performance.now() instants). */
export const within = (load: Load, from: number, to: number) =>
  spread(load.times.filter((t) => t.at - t.ms >= from && t.at <= to).map((t) => t.ms));

export const fmtSpread = (s: Spread) => `p50 ${fmtMs(s.p50)} · p95 ${fmtMs(s.p95)} · p99 ${fmtMs(s.p99)}`;
