import http from 'node:http';
import { percentile } from './measure';

// Closed-loop users for the page benchmarks: each user sends its request on its own keep-alive
// connection and the next one when the previous response has fully arrived (time to last byte).

export type Req = { path: string; headers: Record<string, string> };
export type Sample = { ms: number; status: number; bytes: number };

export function request(agent: http.Agent, base: string, r: Req): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(base + r.path, { agent, headers: r.headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** `reqs.length` users, each looping its own request on its own connection until `ms` have passed. */
export async function block(agents: http.Agent[], base: string, reqs: Req[], ms: number, out: Sample[]) {
  const deadline = performance.now() + ms;
  await Promise.all(
    reqs.map(async (r, i) => {
      while (performance.now() < deadline) out.push(await request(agents[i] as http.Agent, base, r));
    }),
  );
}

export function stats(samples: Sample[]) {
  const t = samples.map((s) => s.ms).sort((a, b) => a - b);
  const bad = samples.filter((s) => s.status !== 200).length;
  const bytes = samples.length ? samples.reduce((n, s) => n + s.bytes, 0) / samples.length : 0;
  return { n: t.length, p50: percentile(t, 50), p95: percentile(t, 95), bad, bytes };
}
