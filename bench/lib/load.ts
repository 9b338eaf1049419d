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

/**
 * The requests in flight at any moment from `from` to `to` (performance.now() instants): sent
 * before the work ended and answered after it began, so a request that waited behind a short job
 * counts even when the job ended before its answer.
 */
export const overlapping = (load: Load, from: number, to: number) =>
  spread(load.times.filter((t) => t.at - t.ms <= to && t.at >= from).map((t) => t.ms));

/** The load with nothing else running: at least `minS` seconds and `minAnswers` answers (at most a minute). */
export async function floorOf(base: string, cookies: string[], minS: number, minAnswers = 100): Promise<Spread> {
  const load = startLoad(base, cookies, 3600);
  const t0 = performance.now();
  while (performance.now() - t0 < 60_000 && (performance.now() - t0 < minS * 1000 || load.times.length < minAnswers))
    await new Promise((r) => setTimeout(r, 100));
  load.stop();
  await load.done;
  return spread(load.times.map((t) => t.ms));
}

export const fmtSpread = (s: Spread) => (s.n ? `p50 ${fmtMs(s.p50)} · p95 ${fmtMs(s.p95)} · p99 ${fmtMs(s.p99)}` : 'no answer');
