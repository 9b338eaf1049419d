import type Database from 'better-sqlite3';
import { BENCH_API_KEY } from './server';

// The streaming backend as the pages meet it: a writer posting viewing events through
// POST /api/events (Bearer key) five times a second, each post a small batch, while users read.

export const WRITES_PER_SECOND = 5;
const EVENTS_PER_POST = 20;

export type WriterData = { accounts: string[]; titles: string[] };

/** Accounts and titles the writer's events name, read once before the server starts. */
export function writerData(sqlite: Database.Database): WriterData {
  const accounts = sqlite
    .prepare(`SELECT account_id FROM members WHERE status <> 'cancelled' ORDER BY random() LIMIT 2000`)
    .pluck()
    .all() as string[];
  const titles = sqlite.prepare('SELECT name FROM titles ORDER BY id LIMIT 200').pluck().all() as string[];
  if (!accounts.length || !titles.length) throw new Error('the seeded database has no members or titles for the writer');
  return { accounts, titles };
}

export type Writer = { stop: () => Promise<{ posts: number; bad: number; events: number; p95Ms: number }> };

/** Posts WRITES_PER_SECOND batches a second until stopped; a post that fails or is not 2xx counts as bad. */
export function startWriter(base: string, data: WriterData): Writer {
  let posts = 0;
  let bad = 0;
  let seq = 0;
  const times: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const post = async () => {
    const events = Array.from({ length: EVENTS_PER_POST }, () => {
      seq++;
      return {
        account_id: data.accounts[seq % data.accounts.length],
        title: data.titles[seq % data.titles.length],
        // Distinct instants, so every event is a new row (the key is member, time, title).
        watched_at: new Date(Date.now() - 60_000 - (seq % 1000)).toISOString(),
        seconds: 60 + (seq % 3000),
      };
    });
    const t0 = performance.now();
    try {
      const r = await fetch(`${base}/api/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      await r.arrayBuffer();
      if (!r.ok) bad++;
    } catch {
      bad++;
    }
    times.push(performance.now() - t0);
    posts++;
  };
  const timer = setInterval(() => {
    const p = post().finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, 1000 / WRITES_PER_SECOND);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inFlight);
      const sorted = times.sort((a, b) => a - b);
      const p95Ms = sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
      return { posts, bad, events: posts * EVENTS_PER_POST, p95Ms };
    },
  };
}
